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
    """Feedback entered from other channels (a letter, a call) goes through the staff site's services; here an
    administrator reads and corrects. The reference is the counter's (cchc.feedback.petitions): never typed."""

    list_display = ["code", "unit", "kind", "channel", "received_at", "due_at", "answered_at", "published_at"]
    list_filter = ["kind", "channel", "unit__level", ("published_at", admin.EmptyFieldListFilter)]
    date_hierarchy = "received_at"
    search_fields = ["code", "subject", "content", "sender_name"]
    raw_id_fields = ["dossier", "procedure", "answered_by"]
    readonly_fields = ["code", "due_at"]
