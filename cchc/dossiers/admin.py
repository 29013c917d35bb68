"""Read-only admin for dossiers: they change only through the services (and so through the workflow guard)."""

from django.contrib import admin

from .models import Apology, Dossier, DossierComponent, DossierEvent


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DossierEventInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierEvent
    fields = ("at", "action", "from_status", "to_status", "actor", "note", "data")
    readonly_fields = fields
    extra = 0
    can_delete = False


class DossierComponentInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierComponent
    fields = ("order", "name", "form", "quantity", "component")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyMixin, admin.ModelAdmin):
    inlines = [DossierComponentInline, DossierEventInline]
    list_display = ["code", "procedure", "receiving_unit", "status", "received_at", "due_at", "finished_at"]
    list_filter = ["status", "channel", "regime", "outcome", "receiving_unit__level"]
    search_fields = ["code", "procedure__code", "procedure__name"]
    date_hierarchy = "received_at"
    list_select_related = ["procedure", "receiving_unit"]


@admin.register(Apology)
class ApologyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["dossier", "issued_at", "new_due_at"]
    date_hierarchy = "issued_at"
