"""The portal's background work, run by the django-tasks backend of settings.TASKS (docs/decisions/0009)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_board(unit_id: int) -> None:
    """Recount a unit's public live board and keep it in the shared cache (cchc.portal.board)."""
    from cchc.units.models import Unit

    from .board import store_summary

    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is not None:
        store_summary(unit)
