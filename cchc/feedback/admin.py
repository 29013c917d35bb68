"""Admin for evaluations and feedback."""

from django.contrib import admin

from .models import Evaluation, Feedback


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["dossier", "submitted_at", "satisfaction"]
    list_filter = ["satisfaction"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["dossier"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["unit", "received_at", "sender_name", "answered_at"]
    list_filter = ["unit__level"]
    date_hierarchy = "received_at"
    search_fields = ["content", "sender_name"]
    raw_id_fields = ["dossier", "answered_by"]
