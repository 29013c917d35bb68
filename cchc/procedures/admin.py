"""Admin for the procedure catalogue and its component documents."""

from django.contrib import admin

from .models import ComponentDocument, Procedure


class ComponentDocumentInline(admin.TabularInline):
    model = ComponentDocument
    extra = 1
    fields = ["order", "name", "form", "quantity", "required"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    inlines = [ComponentDocumentInline]
    list_display = ["code", "name", "level", "field", "processing_days", "online_service", "posted", "is_active"]
    list_filter = ["level", "online_service", "posted", "is_active", "field"]
    search_fields = ["code", "name", "field"]
