"""Shared set-up of the staff-site tests: the cast, a components list, and dossiers received through the service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.dossiers import services
from cchc.dossiers.models import Channel, Dossier
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, local

APPLICANT = {
    "name": "Nguyễn Thị Hoa",
    "id_number": "045301000777",
    "phone": "0914000111",
    "address": "Thôn An Hướng, xã Gio An",
}


@pytest.fixture
def components(cast):
    """The birth registration's two documents: the declaration (required) and a birth certificate."""
    return [
        ComponentDocumentFactory(procedure=cast.procedure, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1),
        ComponentDocumentFactory(procedure=cast.procedure, name="Giấy chứng sinh", form="Bản chính", order=2),
    ]


@pytest.fixture
def receive(cast):
    """Receive a dossier at commune A (or `key` "b"/"district") through the real service."""

    def _receive(key: str = "a", *, at: dt.datetime | None = None, procedure=None, **kwargs) -> Dossier:
        unit = {"a": cast.commune_a, "b": cast.commune_b, "district": cast.district}[key]
        return services.dossier_receive(
            by=getattr(cast, f"desk_{key}"),
            unit=unit,
            procedure=procedure or cast.procedure,
            channel=Channel.DIRECT,
            applicant=dict(APPLICANT),
            received_at=at or local(2023, 7, 3, 9, 0),
            **kwargs,
        )

    return _receive


@pytest.fixture
def half_day_procedure(db):
    return ProcedureFactory(code="1.000001", name="Chứng thực bản sao từ bản chính", processing_days=Decimal("0.5"))


@pytest.fixture
def long_procedure(db):
    return ProcedureFactory(code="1.000002", name="Đăng ký kết hôn", processing_days=Decimal("10"))
