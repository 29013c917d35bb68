"""Reads of the notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Notice

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cchc.dossiers.models import Dossier


def notices_of_dossier(dossier: Dossier) -> QuerySet[Notice]:
    """The notices sent (or to be sent) to a dossier's applicant in the order they were made, for its page."""
    return Notice.objects.filter(dossier=dossier).order_by("pk")
