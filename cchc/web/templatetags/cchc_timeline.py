"""Filters for the hand-over and fee facts of dossier events (cchc.dossiers.delivery) on the staff pages."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.dossiers.delivery import Delivery, FeeReceipt, delivery_from, fee_receipt_from
from cchc.dossiers.delivery import money as money_text

register = template.Library()


@register.filter
def as_delivery(data: dict[str, Any] | None) -> Delivery:
    """The hand-over facts of a DELIVER event's data."""
    return delivery_from(data)


@register.filter
def as_fee_receipt(data: dict[str, Any] | None) -> FeeReceipt:
    """The amount and fee receipt of a FEE_PAID event's data."""
    return fee_receipt_from(data)


@register.filter
def money(value: Any) -> str:
    """An amount of đồng: "75.000 đồng"."""
    return money_text(value)
