"""The dossier page's timeline: the workflow events, each document uploaded and each desk form printed, in time order.

Uploads come from the documents themselves (who, when, which component; the file's name is personal data and the
page shows it to handlers only). Prints come from the log of personal data shown (accounts.PersonalDataView): a
printable form is a page carrying the applicant's data, so every opening of it by staff is logged there with the
page's URL name already. The timeline reads those rows of the print pages and shows one entry per form, user and
minute, so that refreshing a form (or the browser's print preview reloading it) does not fill the timeline.
Nothing here is a workflow action: workflow.TABLE keeps only the legal moves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import PersonalDataView
from cchc.dossiers.delivery import Delivery, FeeReceipt, delivery_from, fee_receipt_from, money
from cchc.dossiers.models import Dossier, DossierDocument, DossierEvent
from cchc.dossiers.regimes import FormKind, rules_for
from cchc.dossiers.states import Action

from .forms_print import URL_NAMES

EVENT, UPLOAD, PRINT = "event", "upload", "print"
RECEIPT_PAGE = "web:receipt"
PRINT_PAGE_PREFIX = "web:print_"


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: a workflow event, an upload or a print."""

    kind: str
    at: dt.datetime
    event: DossierEvent | None = None
    document: DossierDocument | None = None
    form_label: Any = ""
    by: Any = None

    @property
    def is_event(self) -> bool:
        return self.kind == EVENT


def print_pages() -> dict[str, Any]:
    """URL name of each printable form page -> the form's kind (the receipt and the desk forms)."""
    return {RECEIPT_PAGE: FormKind.RECEIPT, **{name: kind for kind, name in URL_NAMES.items()}}


def _form_label(dossier: Dossier, page: str) -> Any:
    kind = print_pages().get(page)
    spec = rules_for(dossier.regime).form(kind) if kind else None
    return spec.label if spec is not None else _("Printed form")


def prints(dossier: Dossier) -> list[Entry]:
    """The forms printed for `dossier`: one entry per form, user and minute (the first opening in it)."""
    rows = (
        PersonalDataView.objects.filter(dossier=dossier)
        .filter(Q(page__in=list(print_pages())) | Q(page__startswith=PRINT_PAGE_PREFIX))
        .select_related("user")
        .order_by("at", "pk")
    )
    seen: set[tuple[str, int, dt.datetime]] = set()
    entries = []
    for row in rows:
        key = (row.page, row.user_id, timezone.localtime(row.at).replace(second=0, microsecond=0))
        if key not in seen:
            seen.add(key)
            entries.append(Entry(kind=PRINT, at=row.at, form_label=_form_label(dossier, row.page), by=row.user))
    return entries


def uploads(dossier: Dossier) -> list[Entry]:
    documents = dossier.documents.select_related("component", "uploaded_by").order_by("uploaded_at", "pk")
    return [Entry(kind=UPLOAD, at=d.uploaded_at, document=d, by=d.uploaded_by) for d in documents]


def dossier_timeline(dossier: Dossier) -> list[Entry]:
    """The events, uploads and prints of `dossier`, oldest first (an event before an upload or print of the same
    moment)."""
    events = [Entry(kind=EVENT, at=e.at, event=e, by=e.actor) for e in dossier.events.select_related("actor")]
    order = {EVENT: 0, UPLOAD: 1, PRINT: 2}
    return sorted([*events, *uploads(dossier), *prints(dossier)], key=lambda e: (e.at, order[e.kind]))


@dataclass(frozen=True)
class Facts:
    """The hand-over and fee facts the dossier page shows beside its details."""

    delivery: Delivery | None
    fee_requested: str
    fee_receipt: FeeReceipt | None


def dossier_facts(dossier: Dossier) -> Facts:
    """The latest hand-over (who received the result and how), fee request and fee payment of `dossier`."""
    latest: dict[str, DossierEvent] = {}
    wanted = (Action.DELIVER, Action.REQUEST_FEE, Action.FEE_PAID)
    for event in dossier.events.filter(action__in=wanted).order_by("at", "pk"):
        latest[event.action] = event
    deliver, request, paid = (latest.get(action) for action in wanted)
    return Facts(
        delivery=delivery_from(deliver.data) if deliver is not None else None,
        fee_requested=money((request.data or {}).get("amount")) if request is not None else "",
        fee_receipt=fee_receipt_from(paid.data) if paid is not None else None,
    )
