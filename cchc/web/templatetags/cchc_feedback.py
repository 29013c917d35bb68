"""The work list's banner of feedback and petitions overdue or falling due (`{% feedback_due_banner %}`), for the
members of the units they were sent to (those who answer them)."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.feedback.petitions_selectors import due_counts

register = template.Library()


@register.inclusion_tag("web/feedback_due_banner.html", takes_context=True)
def feedback_due_banner(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    counts = due_counts(user) if user is not None and user.is_authenticated else None
    return {"counts": counts}
