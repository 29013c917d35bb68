"""Admin for the unit tree and the calendar corrections."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "code", "level", "agency_code", "valid_from", "valid_to", "successor"]
    list_filter = ["level"]
    search_fields = ["code", "name", "short_name", "agency_code"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent", "successor"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "level", "parent", "path"]}),
        (_("Documents"), {"fields": ["agency_code", "place_name"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_to", "successor"]}),
    ]

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj: Unit) -> str:
        depth = max(obj.path.strip("/").count("/"), 0)
        return f"{'— ' * depth}{obj.name}"


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["note", "source"]
