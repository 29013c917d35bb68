"""Admin for the procedure catalogue and its component documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ComponentDocument, Procedure


class ComponentDocumentInline(admin.TabularInline):
    model = ComponentDocument
    extra = 1
    fields = ["order", "name", "form", "quantity", "required", "sample_form"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    inlines = [ComponentDocumentInline]
    list_display = ["code", "name", "level", "field", "processing_days", "online_service", "posted", "is_active"]
    list_filter = ["level", "online_service", "posted", "is_active", "field"]
    search_fields = ["code", "name", "field"]
    fieldsets = [
        (None, {"fields": ["code", "name", "field", "level", "processing_days", "fee", "is_active"]}),
        (
            _("Desk rules"),
            {"fields": ["cutoff_time", "has_result_document", "is_certification"]},
        ),
        # What the portal's catalogue shows (Decree 61/2018 Art. 15); an unposted procedure is not shown at all.
        (
            _("Public posting"),
            {
                "fields": [
                    "posted",
                    "online_service",
                    "online_note",
                    "result_description",
                    "legal_basis",
                    "submission_place",
                ]
            },
        ),
    ]
