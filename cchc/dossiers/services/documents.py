"""Documents held for a dossier: scanned components and the result file, and the digitization flags."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access

from ..models import DocumentKind, Dossier, DossierDocument
from ..workflow import TransitionError
from ._common import lock, sync


def _components_digitized(dossier: Dossier) -> bool:
    held = dossier.documents.filter(kind=DocumentKind.COMPONENT).exclude(file="")
    required = list(dossier.procedure.components.filter(required=True).values_list("pk", flat=True))
    if not required:
        return held.exists()
    held_ids = set(held.filter(component_id__in=required).values_list("component_id", flat=True))
    return held_ids >= set(required)


@transaction.atomic
def dossier_attach_document(
    *,
    dossier: Dossier,
    by: Any,
    kind: str,
    file: Any,
    name: str,
    component: Any = None,
    at: dt.datetime | None = None,
) -> DossierDocument:
    """Store a scanned component or the result file, and recompute the dossier's digitization flags."""
    locked = lock(dossier)
    if not access.roles_for(by, locked):
        raise TransitionError(_("Only those who handle this dossier can attach documents to it."))
    if kind not in DocumentKind.values:
        raise TransitionError(_("Unknown document kind: %(kind)s.") % {"kind": kind})
    if component is not None and (kind != DocumentKind.COMPONENT or component.procedure_id != locked.procedure_id):
        raise TransitionError(_("That component document does not belong to this dossier's procedure."))
    if not file:
        raise TransitionError(_("Choose a file to attach."))
    document = DossierDocument(
        dossier=locked,
        kind=kind,
        component=component,
        name=name or getattr(file, "name", "") or str(kind),
        uploaded_at=at or timezone.now(),
        uploaded_by=by,
    )
    document.file.save(getattr(file, "name", None) or name, file, save=False)
    document.save()
    locked.components_digitized = locked.components_digitized or _components_digitized(locked)
    if kind == DocumentKind.RESULT:
        locked.result_digitized = True
    locked.save(update_fields=["components_digitized", "result_digitized"])
    sync(dossier, locked)
    return document
