"""Dossier codes: national pattern, a daily sequence per agency code, never shared, never reused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from cchc.dossiers.codes import DossierCodeError, next_dossier_code
from cchc.dossiers.models import Dossier, DossierCodeCounter
from cchc.dossiers.workflow import TransitionError
from cchc.testing.factories import UnitFactory, local, received_dossier


def test_codes_follow_the_pattern_and_the_daily_sequence(cast):
    """<agency code>-<YYMMDD>-<NNNN>, numbered per agency code and local day."""
    first = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0)).code
    second = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 5)).code
    other_unit = received_dossier(cast.commune_b, at=local(2023, 7, 3, 9, 5)).code
    next_day = received_dossier(cast.commune_a, at=local(2023, 7, 4, 0, 30)).code
    assert first == "000.21.27.H45-230703-0001"
    assert second == "000.21.27.H45-230703-0002"
    assert other_unit == "000.22.27.H45-230703-0001"
    assert next_day == "000.21.27.H45-230704-0001"


def test_the_day_is_the_local_day(cast):
    import datetime as dt

    # 17:30 UTC on 3 July is 00:30 on 4 July in Việt Nam.
    at = dt.datetime(2023, 7, 3, 17, 30, tzinfo=dt.UTC)
    assert next_dossier_code(unit=cast.commune_a, received_at=at) == "000.21.27.H45-230704-0001"


def test_a_rolled_back_receipt_does_not_burn_or_reuse_a_code(cast):
    """A refused receipt leaves the counter as it was; issued codes are never issued again."""
    received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    with pytest.raises(TransitionError):
        received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0), sets=0)
    assert DossierCodeCounter.objects.get(agency_code="000.21.27.H45").last == 1
    assert received_dossier(cast.commune_a, at=local(2023, 7, 3, 10, 0)).code.endswith("-0002")


def test_a_unit_without_agency_code_cannot_number(cast):
    unit = UnitFactory(code="no-code", agency_code="")
    with pytest.raises(DossierCodeError):
        next_dossier_code(unit=unit, received_at=local(2023, 7, 3, 9))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_receipts_never_share_a_code(cast):
    """Desks receiving at once on separate connections get distinct, gapless codes for the same unit and day."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    codes: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            for i in range(10):
                dossier = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, i))
                with lock:
                    codes.append(dossier.code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(codes) == 80 == len(set(codes))
    assert sorted(int(c.rsplit("-", 1)[1]) for c in codes) == list(range(1, 81))
    assert Dossier.objects.filter(code__in=codes).count() == 80
