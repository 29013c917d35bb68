"""The work list's banner of deadlines within one working day (`{% deadline_warnings %}`): the warnings `cchc warn`
gave the logged-in officer (cchc.notices.warnings) whose deadline is still ahead and with no apology yet."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cchc.notices.warnings import warnings_for

register = template.Library()


@register.inclusion_tag("notices/deadline_warnings.html", takes_context=True)
def deadline_warnings(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"warnings": []}
    rows = [
        {"code": w.dossier.code, "procedure": w.dossier.procedure.name, "due": timezone.localtime(w.due_at)}
        for w in warnings_for(user)[:20]
    ]
    return {"warnings": rows}
