"""Admin for the unit tree and the working-day calendar (corrections and checked years)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .checks import missing_calendar_message
from .models import CalendarDay, CalendarYear, Unit
from .selectors import calendar_years_missing
from .services import UnitRetireError, unit_retire


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = [
        "indented_name",
        "code",
        "level",
        "desk_kind",
        "agency_code",
        "valid_from",
        "valid_to",
        "successor",
    ]
    list_filter = ["level", "desk_kind"]
    actions = ["retire"]
    search_fields = ["code", "name", "short_name", "agency_code"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent", "successor"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "level", "desk_kind", "parent", "path"]}),
        (_("Documents"), {"fields": ["agency_code", "place_name"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_to", "successor"]}),
    ]

    @admin.action(description=_("Retire on the last day set (valid to): move pending dossiers to the successor"))
    def retire(self, request, queryset) -> None:
        """`cchc units retire` for each selected unit, with the last day and successor entered on the unit."""
        for unit in queryset:
            if unit.valid_to is None:
                messages.error(request, _("%(unit)s: enter its last day (valid to) first.") % {"unit": unit})
                continue
            try:
                result = unit_retire(unit=unit, by=request.user, valid_to=unit.valid_to)
            except UnitRetireError as exc:
                messages.error(request, f"{unit}: {exc}")
                continue
            messages.success(
                request,
                _("%(unit)s ends on %(day)s; %(count)d pending dossier(s) moved to %(successor)s.")
                % {
                    "unit": unit.code,
                    "day": unit.valid_to.isoformat(),
                    "count": len(result.moved),
                    "successor": result.successor.code if result.successor else "-",
                },
            )

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj: Unit) -> str:
        depth = max(obj.path.strip("/").count("/"), 0)
        return f"{'— ' * depth}{obj.name}"


class MissingCalendarYearsWarning:
    """On the calendar's change lists: say which year's schedule should be entered and is not."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            for year in calendar_years_missing(timezone.localdate()):
                messages.warning(request, missing_calendar_message(year))
        return super().changelist_view(request, extra_context)


@admin.register(CalendarDay)
class CalendarDayAdmin(MissingCalendarYearsWarning, admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "unit", "note", "source"]
    list_filter = ["kind", ("unit", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["unit"]
    date_hierarchy = "date"
    search_fields = ["note", "source"]
    autocomplete_fields = ["unit"]
    fields = ["date", "kind", "unit", "note", "source"]

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return date_format(obj.date, "l") if obj.date else ""


@admin.register(CalendarYear)
class CalendarYearAdmin(MissingCalendarYearsWarning, admin.ModelAdmin):
    list_display = ["year", "source", "note", "checked_at"]
    search_fields = ["source", "note"]
