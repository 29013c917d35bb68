from django.contrib import admin

from cchc.lib.admin import ReadOnlyAdminMixin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "channel", "status", "attempts", "dossier", "feedback", "sent_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("dossier__code", "feedback__code")
    date_hierarchy = "created_at"
    list_select_related = ("dossier", "feedback")
    readonly_fields = [
        "dossier",
        "event",
        "feedback",
        "kind",
        "channel",
        "recipient",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
    ]
