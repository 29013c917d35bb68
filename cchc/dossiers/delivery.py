"""Who received a dossier's result and how, as the DELIVER event records it (its `data`), and the fee facts.

The hand-over (Decree 61/2018 Art. 20; the tracking book's columns "Phương thức nhận kết quả" and "Ký nhận",
domain.md §2.5) is one of three methods (Decree 61/2018 Art. 16: at the desk, by public postal service, online):
the desk records the first two (`dossier_deliver`), the portal the third (`dossier_take_result`). The person who
received it is the applicant by default, or someone else named with their ID number and authorisation.

The event's data: {"method": ..., "recipient": {"name", "applicant", "id_number", "authorisation"},
"postal_reference": ...}. Events recorded before these facts were kept (and imported dossiers) have no method:
`Delivery.recorded` is False for them and pages say nothing they do not know.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.lib.formatting import vn_amount


class DeliveryMethod(models.TextChoices):
    DESK = "desk", _("In person at the desk")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")


@dataclass(frozen=True)
class Delivery:
    """The hand-over facts of one DELIVER event's data."""

    method: str
    name: str
    applicant: bool
    id_number: str
    authorisation: str
    postal_reference: str

    @property
    def recorded(self) -> bool:
        return self.method in DeliveryMethod.values

    @property
    def method_label(self) -> str:
        return str(DeliveryMethod(self.method).label) if self.recorded else ""


def delivery_from(data: dict[str, Any] | None) -> Delivery:
    """The hand-over facts of a DELIVER event's data (an older event's: online when the portal recorded it, else
    not recorded)."""
    data = data or {}
    recipient = data.get("recipient") or {}
    method = str(data.get("method") or (DeliveryMethod.ONLINE if data.get("online") else ""))
    return Delivery(
        method=method,
        name=str(recipient.get("name") or ""),
        applicant=bool(recipient.get("applicant", True)),
        id_number=str(recipient.get("id_number") or ""),
        authorisation=str(recipient.get("authorisation") or ""),
        postal_reference=str(data.get("postal_reference") or ""),
    )


def money(value: Any) -> str:
    """An amount of đồng as the forms write it: "75.000 đồng" ("" for none)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{vn_amount(amount)} đồng"


@dataclass(frozen=True)
class FeeReceipt:
    """What a FEE_PAID event records: the amount paid and the fee receipt (biên lai) number and date."""

    amount: str
    number: str
    day: dt.date | None


def fee_receipt_from(data: dict[str, Any] | None) -> FeeReceipt:
    data = data or {}
    day = None
    if data.get("receipt_date"):
        try:
            day = dt.date.fromisoformat(str(data["receipt_date"]))
        except ValueError:
            day = None
    return FeeReceipt(amount=money(data.get("amount")), number=str(data.get("receipt_number") or ""), day=day)
