from django.contrib import admin

from .models import ClassificationBand, SubIndicatorSetting


@admin.register(SubIndicatorSetting)
class SubIndicatorSettingAdmin(admin.ModelAdmin):
    list_display = ("code", "max_points", "threshold_percent", "source")


@admin.register(ClassificationBand)
class ClassificationBandAdmin(admin.ModelAdmin):
    list_display = ("min_score", "name", "source")
