"""Online submission through the portal (nộp hồ sơ trực tuyến): the submission is the receipt, channel `online`.

Decree 61/2018 Art. 17(2), online: the desk's officer then checks the dossier; if it is incomplete or for another
authority, one notice lists everything (the existing REQUEST_SUPPLEMENT, once per dossier, or RETURN with the
reasons); if complete, the dossier goes on (ASSIGN). See docs/decisions/0019-online-submission-is-the-receipt.md.

The visitor is no user: the RECEIVE move is made with the role workflow.APPLICANT and no actor, `received_by` stays
empty. Everything is checked before anything is written, every problem at once; the files are written last and
deleted again should the transaction fail after them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import FileField, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.lib.text import TextError, clean_text
from cchc.lib.uploads import FileType, UploadError, check_portal_upload, display_name
from cchc.procedures.models import ComponentDocument, OnlineService, Procedure
from cchc.procedures.selectors import receiving_units
from cchc.units.models import Unit

from .. import workflow
from ..models import ApplicantKind, Channel, DocumentKind, Dossier, DossierDocument
from ..workflow import TransitionError
from .documents import _components_digitized
from .receipt import check_receipt_day, check_receivable, clean_applicant, record_receipt

ONLINE_SERVICES = (OnlineService.PARTIAL, OnlineService.FULL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a submission. `key`: an applicant field ("name", "phone", ...), "unit",
    "submitted_by_name", a component document's pk, or None for the submission as a whole."""

    key: str | int | None
    message: str


class SubmissionRefused(TransitionError):
    """The submission is refused; `problems` lists everything wrong at once (Decree 61/2018 Art. 15: the applicant
    is told everything to add in one go)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(" ".join(p.message for p in problems))


def online_procedure_error(procedure: Procedure) -> str:
    """Why `procedure` cannot be submitted online ("" when it can): it must be posted, active and offer an online
    service (partial or full-process)."""
    if not (procedure.is_active and procedure.posted):
        return _("The procedure %(code)s is not in the public catalogue.") % {"code": procedure.code}
    if procedure.online_service not in ONLINE_SERVICES:
        return _("The procedure %(code)s cannot be submitted online: submit it at the desk.") % {"code": procedure.code}
    return ""


def online_units(procedure: Procedure, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """The units whose desks receive `procedure` online today (in force, with an agency code for the dossier's
    code); none for a procedure that cannot be submitted online."""
    if online_procedure_error(procedure):
        return Unit.objects.none()
    return receiving_units(procedure, on=on or timezone.localdate()).exclude(agency_code="")


def _clean_contact(applicant: dict[str, str], problems: list[Problem]) -> None:
    """An online dossier needs the applicant's phone (the notices and the tracking by phone); an e-mail, when
    given, must be one."""
    if not (applicant.get("phone") or "").strip():
        problems.append(Problem("phone", _("The applicant's phone number is required for an online dossier.")))
    email = (applicant.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(Problem("email", _("%(value)s is not an e-mail address.") % {"value": email}))


@dataclass(frozen=True)
class _Upload:
    component: ComponentDocument
    file: Any
    file_type: FileType
    name: str


def _check_components(
    procedure: Procedure,
    files: Mapping[ComponentDocument, Any],
    bring_to_desk: Iterable[ComponentDocument],
    problems: list[Problem],
) -> tuple[list[_Upload], list[ComponentDocument]]:
    """The uploads checked (type by content, sizes, the scanner) and the originals to bring, in the catalogue's
    order; every required document missing, a refused file, or an original to bring on a full-process procedure
    is a problem."""
    catalogue = list(procedure.components.order_by("order", "pk"))
    own = {c.pk for c in catalogue}
    given = {c.pk: f for c, f in files.items() if f}
    bring = {c.pk for c in bring_to_desk}
    foreign = (set(given) | bring) - own
    if foreign:
        problems.append(
            Problem(None, _("Some documents do not belong to the procedure %(code)s.") % {"code": procedure.code})
        )
    full = procedure.online_service == OnlineService.FULL
    uploads: list[_Upload] = []
    brought: list[ComponentDocument] = []
    total = 0
    for component in catalogue:
        file = given.get(component.pk)
        if file is not None:
            try:
                file_type = check_portal_upload(file, already_stored=total)
                name = clean_text(display_name(getattr(file, "name", "")), _("Name"))
            except (UploadError, TextError) as exc:
                problems.append(Problem(component.pk, f"{component.name}: {exc}"))
                continue
            total += file.size
            uploads.append(_Upload(component, file, file_type, name))
        elif component.pk in bring:
            if full:
                problems.append(
                    Problem(
                        component.pk,
                        _("%(name)s: a full-process online procedure needs the document uploaded, not brought.")
                        % {"name": component.name},
                    )
                )
            else:
                brought.append(component)
        elif component.required:
            message = (
                _("%(name)s: upload it.")
                if full
                else _("%(name)s: upload it, or tick that you will bring the original.")
            )
            problems.append(Problem(component.pk, message % {"name": component.name}))
    return uploads, brought


def document_problems(
    procedure: Procedure, files: Mapping[ComponentDocument, Any], bring_to_desk: Iterable[ComponentDocument] = ()
) -> list[Problem]:
    """What is wrong with the documents of a submission (missing, refused files), without writing anything: the
    portal shows them with the other mistakes of a form it could not send, so everything is said at once."""
    problems: list[Problem] = []
    _check_components(procedure, files, bring_to_desk, problems)
    return problems


@transaction.atomic
def dossier_submit_online(
    *,
    unit: Unit,
    procedure: Procedure,
    applicant: dict[str, str],
    applicant_kind: str = ApplicantKind.PERSON,
    submitted_by_name: str = "",
    files: Mapping[ComponentDocument, Any] | None = None,
    bring_to_desk: Iterable[ComponentDocument] = (),
    note: str = "",
    submitted_at: dt.datetime | None = None,
) -> Dossier:
    """Receive a dossier sent from the portal at `unit`'s desk: number it, give it its tracking secret, start its
    clock (outside office hours: at the next working session, lib/workdays.py) and set its deadline.

    `files` maps each uploaded component document to its file (PDF, JPEG or PNG, checked by content; stored as
    sent, one DossierDocument each, uploaded by nobody); `bring_to_desk` the documents whose originals the
    applicant will bring (partial online service only). Every required document must be one or the other.
    Problems are all raised at once as SubmissionRefused; nothing is then written, no file left in storage.
    """
    now = timezone.now()
    submitted_at = submitted_at or now
    files = files or {}
    problems: list[Problem] = []
    refusal = online_procedure_error(procedure)
    if refusal:
        raise SubmissionRefused([Problem(None, refusal)])
    if not online_units(procedure, on=timezone.localtime(submitted_at).date()).filter(pk=unit.pk).exists():
        problems.append(
            Problem("unit", _("The desk of %(unit)s does not receive this procedure online.") % {"unit": unit})
        )
    try:
        check_receipt_day(unit, submitted_at, now)
        check_receivable(unit, procedure)
    except TransitionError as exc:
        problems.append(Problem("unit", str(exc)))
    _clean_contact(applicant, problems)
    try:
        cleaned = clean_applicant(applicant, applicant_kind)
    except TransitionError as exc:
        problems.append(Problem(None, str(exc)))
        cleaned = {}
    try:
        proxy = clean_text(submitted_by_name.strip(), _("Submitted on behalf by"))
        note = clean_text(note.strip(), _("Note"))
    except TextError as exc:
        problems.append(Problem("submitted_by_name", str(exc)))
        proxy = ""
    uploads, brought = _check_components(procedure, files, bring_to_desk, problems)
    if problems:
        raise SubmissionRefused(problems)

    submitted = sorted([u.component for u in uploads] + brought, key=lambda c: (c.order, c.pk))
    data: dict[str, Any] = {"online": True, "bring_to_desk": [c.name for c in brought]}
    if proxy:
        data["on_behalf_of"] = proxy
    dossier = record_receipt(
        unit=unit,
        procedure=procedure,
        channel=Channel.ONLINE,
        applicant=cleaned,
        received_at=submitted_at,
        roles={workflow.APPLICANT},
        by=None,
        submitted=submitted,
        note=note,
        data=data,
        applicant_kind=applicant_kind,
        submitted_by_name=proxy,
    )
    _store_files(dossier, uploads, at=submitted_at)
    return dossier


def _store_files(dossier: Dossier, uploads: list[_Upload], *, at: dt.datetime) -> None:
    """Write the checked files as they were sent, under generated names, with their rows. Should anything fail,
    every file written so far is deleted, a half-written one too, before the error goes on (the transaction then
    rolls the rows back)."""
    field = DossierDocument._meta.get_field("file")
    assert isinstance(field, FileField)
    names: list[str] = []
    try:
        for upload in uploads:
            document = DossierDocument(
                dossier=dossier,
                kind=DocumentKind.COMPONENT,
                component=upload.component,
                name=upload.name or upload.component.name,
                content_type=upload.file_type.content_type,
                uploaded_at=at,
                uploaded_by=None,
            )
            name = field.generate_filename(document, f"{uuid.uuid4().hex}{upload.file_type.extension}")
            names.append(name)
            upload.file.seek(0)
            document.file.name = field.storage.save(name, upload.file, max_length=field.max_length)
            names[-1] = document.file.name
            document.save(force_insert=True)
    except BaseException:
        for name in names:
            field.storage.delete(name)
        raise
    dossier.components_digitized = _components_digitized(dossier)
    dossier.save(update_fields=["components_digitized"])


def written_files(dossier: Dossier) -> list[str]:
    """The storage names of the dossier's files, for a caller that must delete them should its own transaction
    around the submission roll back (accounts.services.create_once when a double post wins the race)."""
    return [name for name in dossier.documents.values_list("file", flat=True) if name]
