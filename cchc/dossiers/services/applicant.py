"""The applicant's own writes on the portal: a requested supplement sent online, and taking a full-online result.

The applicant is no user. The portal passes the one dossier the visitor proved to hold (cchc/portal/access.py) and
these services act with the workflow role APPLICANT and no actor. Each runs in one transaction and leaves nothing
half-written on error: no row, and no file (the files written before an error are deleted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.lib.text import TextError
from cchc.lib.uploads import UploadError, check_portal_upload, display_name, file_size
from cchc.procedures.models import OnlineService

from .. import workflow
from ..delivery import DeliveryMethod
from ..models import Channel, DocumentKind, Dossier, DossierDocument, DossierEvent
from ..workflow import Action, Status, TransitionError
from ._common import act, check_not_future, lock, sync
from .documents import document_name, store_document, stored_bytes
from .waits import supplement_received

APPLICANT_ROLES = frozenset({workflow.APPLICANT})
# The statuses in which the dossier has its result (or its written refusal).
WITH_RESULT = (Status.RESULT_ISSUED, Status.REFUSED, Status.DELIVERED)


def supplement_request(dossier: Dossier) -> DossierEvent | None:
    """The latest supplement request of the dossier (its reason and the complete list of what is missing)."""
    return dossier.events.filter(action=Action.REQUEST_SUPPLEMENT).order_by("-at", "-pk").first()


def requested_items(dossier: Dossier) -> list[str]:
    """The documents the latest supplement request lists (the officer's words, addressed to the applicant)."""
    event = supplement_request(dossier)
    items = (event.data or {}).get("items") if event is not None else None
    return [str(item) for item in items or [] if str(item).strip()]


def delivers_online(dossier: Dossier) -> bool:
    """The result is handed over on the portal: a full-process online service submitted online."""
    return dossier.online_service == OnlineService.FULL and dossier.channel == Channel.ONLINE


@transaction.atomic
def dossier_supplement_online(
    *, dossier: Dossier, files: Sequence[tuple[str, Any]], note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """The applicant sends the requested supplement on the portal: one file (PDF, JPEG or PNG, checked by content,
    cchc.lib.uploads.check_portal_upload) for each document the request lists, plus any others.

    `files` are (the requested item it answers, or "" for another document, the uploaded file). Every listed item
    needs a file; all that is wrong is said at once, and nothing is stored then. The files are stored as sent (kind
    component, named after the item), then the SUPPLEMENT move ends the wait: the time limit restarts as the regime
    says (Decree 61/2018 Art. 19(4): counted again from the start once the complete dossier is received).
    """
    locked = lock(dossier)
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    workflow.check(locked, Action.SUPPLEMENT, APPLICANT_ROLES)
    given = [(item.strip(), file) for item, file in files if file]
    if not given:
        raise TransitionError(_("Choose the files of the documents asked for."))
    items = requested_items(locked)
    answered = {item for item, _file in given}
    problems = [_("No file for: %(item)s.") % {"item": item} for item in items if item not in answered]
    unknown = answered - set(items) - {""}
    if unknown:
        problems.append(_("These documents were not asked for: %(items)s.") % {"items": "; ".join(sorted(unknown))})
    checked = []
    total = stored_bytes(locked)
    for item, file in given:
        try:
            file_type = check_portal_upload(file, already_stored=total)
            name = document_name(file, item)
        except (UploadError, TextError) as exc:
            shown = display_name(getattr(file, "name", ""), _("file"))
            problems.append(_("%(name)s: %(problem)s") % {"name": shown, "problem": exc})
            continue
        total += file_size(file)
        checked.append((file, file_type, name))
    if problems:
        raise TransitionError(" ".join(problems))
    stored: list[DossierDocument] = []
    try:
        for file, file_type, name in checked:
            stored.append(
                store_document(locked, kind=DocumentKind.COMPONENT, file=file, file_type=file_type, name=name, at=at)
            )
        data = {"online": True, "documents": [document.pk for document in stored]}
        supplement_received(locked, by=None, roles=APPLICANT_ROLES, at=at, note=note, data=data)
    except Exception:
        for document in stored:
            document.file.delete(save=False)
        raise
    return sync(dossier, locked)


@transaction.atomic
def dossier_take_result(
    *, dossier: Dossier, document: DossierDocument, at: dt.datetime | None = None
) -> tuple[Dossier, bool]:
    """The applicant downloads the result file on the portal. For a full-process online dossier the first download
    is the delivery (the DELIVER move, once: a later download changes nothing). Returns (dossier, delivered now).

    TransitionError when the document is not this dossier's result or the dossier has no result yet."""
    locked = lock(dossier)
    if document.dossier_id != locked.pk or document.kind != DocumentKind.RESULT:
        raise TransitionError(_("That document is not this dossier's result."))
    if locked.status not in WITH_RESULT:
        raise TransitionError(_("The result of this dossier is not ready yet."))
    if locked.status == Status.DELIVERED or not delivers_online(locked):
        return sync(dossier, locked), False
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    # The applicant took it on the portal, with the code and tracking secret only the applicant holds.
    recipient = {"name": locked.applicant_name, "applicant": True, "id_number": "", "authorisation": ""}
    data = {"online": True, "document": document.pk, "method": DeliveryMethod.ONLINE.value, "recipient": recipient}
    act(locked, Action.DELIVER, by=None, roles=APPLICANT_ROLES, at=at, data=data, changes={"delivered_at": at})
    return sync(dossier, locked), True
