from django.contrib import admin

from .models import Counter, ServiceGroup


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "unit__name", "unit__code"]
    autocomplete_fields = ["unit"]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["number", "unit", "active", "officer", "officer_day"]
    list_filter = ["active"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit", "officer"]
    filter_horizontal = ["groups"]
