"""Read-only admin for dossiers: they change only through the services (and so through the workflow guard)."""

from django.contrib import admin

from cchc.lib.admin import ReadOnlyAdminMixin

from .models import Apology, Dossier, DossierComponent, DossierEvent, ReceptionGuidance


class DossierEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DossierEvent
    fields = ("at", "action", "from_status", "to_status", "actor", "note", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False


class DossierComponentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DossierComponent
    fields = ("order", "name", "form", "quantity", "component")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    inlines = [DossierComponentInline, DossierEventInline]
    list_display = ["code", "procedure", "receiving_unit", "status", "received_at", "due_at", "finished_at"]
    list_filter = ["status", "channel", "regime", "outcome", "receiving_unit__level"]
    search_fields = ["code", "procedure__code", "procedure__name"]
    date_hierarchy = "received_at"
    list_select_related = ["procedure", "receiving_unit"]


@admin.register(Apology)
class ApologyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["dossier", "issued_at", "new_due_at"]
    date_hierarchy = "issued_at"


@admin.register(ReceptionGuidance)
class ReceptionGuidanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The guidance slips of incomplete dossiers the desks did not receive (counted per unit and year)."""

    list_display = ["number", "year", "unit", "procedure", "applicant_name", "by", "at"]
    list_filter = ["year", "unit"]
    search_fields = ["applicant_name", "applicant_phone", "procedure__code", "procedure__name"]
    date_hierarchy = "at"
    list_select_related = ["unit", "procedure", "by"]
    fields = (
        "unit",
        "year",
        "number",
        "procedure",
        "applicant_name",
        "applicant_phone",
        "applicant_address",
        "applicant_email",
        "items",
        "submitted",
        "note",
        "by",
        "at",
    )
    readonly_fields = fields
