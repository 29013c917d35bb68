"""Shared set-up of the staff-site tests: the birth registration's components and two more procedures (dossiers
come from cchc.testing.factories)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory


@pytest.fixture
def components(cast):
    """The birth registration's two documents: the declaration (required) and a birth certificate."""
    return [
        ComponentDocumentFactory(procedure=cast.procedure, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1),
        ComponentDocumentFactory(procedure=cast.procedure, name="Giấy chứng sinh", form="Bản chính", order=2),
    ]


@pytest.fixture
def half_day_procedure(db):
    return ProcedureFactory(code="1.000001", name="Chứng thực bản sao từ bản chính", processing_days=Decimal("0.5"))


@pytest.fixture
def long_procedure(db):
    return ProcedureFactory(code="1.000002", name="Đăng ký kết hôn", processing_days=Decimal("10"))
