"""Documents held for a dossier: scanned components and the result file, and the digitization flags."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.lib.text import TextError, clean_text
from cchc.lib.uploads import FileType, UploadError, check_upload, display_name

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


def stored_bytes(dossier: Dossier) -> int:
    """The bytes the dossier's stored files take (the per-dossier upload limit counts them)."""
    return sum(d.file.size for d in dossier.documents.exclude(file="") if d.file.storage.exists(d.file.name))


def document_name(file: Any, name: str) -> str:
    """The name shown for an uploaded file: the one given, else the file's own without its folder part
    (TextError for a control character)."""
    return clean_text((name or "").strip() or display_name(getattr(file, "name", "")), _("Name"))


def store_document(
    locked: Dossier,
    *,
    kind: str,
    file: Any,
    file_type: FileType,
    name: str,
    component: Any = None,
    at: dt.datetime | None = None,
    by: Any = None,
) -> DossierDocument:
    """Write a checked file (`file_type` from cchc.lib.uploads) as it was sent, under a generated name, with its row,
    and recompute the dossier's digitization flags. The caller runs inside a transaction and holds the row; should a
    later step fail, the files already written are the caller's to delete (`document.file.delete(save=False)`)."""
    document = DossierDocument(
        dossier=locked,
        kind=kind,
        component=component,
        name=name or str(DocumentKind(kind).label),
        content_type=file_type.content_type,
        uploaded_at=at or timezone.now(),
        uploaded_by=by,
    )
    document.file.save(f"{uuid.uuid4().hex}{file_type.extension}", file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    locked.components_digitized = locked.components_digitized or _components_digitized(locked)
    if kind == DocumentKind.RESULT:
        locked.result_digitized = True
    locked.save(update_fields=["components_digitized", "result_digitized"])
    return document


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
    # The type is the content's, the stored name a generated one; the name the officer gave (or the file's own,
    # without its folder part) is only shown.
    try:
        file_type = check_upload(file, already_stored=stored_bytes(locked))
        shown = document_name(file, name)
    except (UploadError, TextError) as exc:
        raise TransitionError(str(exc)) from exc
    document = store_document(
        locked, kind=kind, file=file, file_type=file_type, name=shown, component=component, at=at, by=by
    )
    sync(dossier, locked)
    return document
