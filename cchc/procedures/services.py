"""Writes on the procedure catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from .models import ComponentDocument, Procedure

if TYPE_CHECKING:
    from cchc.accounts.models import User


@transaction.atomic
def procedure_save(*, by: User | None, code: str, **fields: Any) -> Procedure:
    """Create or update the procedure `code` with `fields`; dossiers already received keep their own copies."""
    procedure = Procedure.objects.filter(code=code).first() or Procedure(code=code)
    for name, value in fields.items():
        setattr(procedure, name, value)
    procedure.full_clean()
    procedure.save()
    return procedure


@transaction.atomic
def component_add(
    *, by: User | None, procedure: Procedure, name: str, form: str = "", quantity: int = 1, required: bool = True
) -> ComponentDocument:
    """Add a required (or optional) component document to a procedure, at the end of its list."""
    order = procedure.components.count() + 1
    return ComponentDocument.objects.create(
        procedure=procedure, name=name, form=form, quantity=quantity, required=required, order=order
    )
