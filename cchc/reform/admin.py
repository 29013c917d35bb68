"""Admin for report data. Rows of a submitted period are read-only here: corrections go through the staff
pages (or services), which log them with a reason; the admin would change them silently."""

from django.contrib import admin

from cchc.lib.admin import ReadOnlyAdminMixin

from .models import SECTION_MODELS, Correction, ReportPeriod, ReportSettings


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "status", "submitted_at", "submitted_by"]
    list_filter = ["status", "year", "quarter"]
    search_fields = ["unit__code", "unit__name"]
    readonly_fields = ["status", "created_at", "created_by", "submitted_at", "submitted_by"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "period", "kind", "row_id", "action", "field", "old_value", "new_value", "by"]
    list_filter = ["kind", "action"]
    search_fields = ["period__unit__code", "reason"]


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ["unit", "issuer_name", "place", "signer_name"]
    search_fields = ["unit__code", "unit__name"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class SectionRowAdmin(admin.ModelAdmin):
    list_filter = ["period__year", "period__quarter"]
    search_fields = ["period__unit__code"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.period.is_locked)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.period.is_locked)

    def save_model(self, request, obj, form, change) -> None:
        if obj.period.is_locked:
            raise PermissionError("A submitted period is corrected through the staff pages, with a reason.")
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


for _model in SECTION_MODELS.values():
    admin.site.register(
        _model,
        type(
            f"{_model.__name__}Admin",
            (SectionRowAdmin,),
            {"list_display": ["__str__", "period", "position"], "list_select_related": ["period__unit"]},
        ),
    )
