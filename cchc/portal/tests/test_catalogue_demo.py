"""The demo catalogue posts legal bases, results and what is done at the desk, so the demo portal looks real."""

from __future__ import annotations

import pytest

from cchc.demo.catalogue import procedure_rows
from cchc.exchange.services import procedures_import
from cchc.procedures.models import OnlineService, Procedure


@pytest.mark.django_db
def test_the_demo_catalogue_loads_its_public_posting():
    result = procedures_import(rows=procedure_rows())
    assert result.errors == []
    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    assert birth.legal_basis == "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
    assert birth.result_description == "Giấy khai sinh"
    assert birth.online_service == OnlineService.PARTIAL and "bản chính" in birth.online_note
    # The numbered illustrative procedures claim no legal basis.
    assert not Procedure.objects.filter(name__contains="(minh họa)").exclude(legal_basis="").exists()
