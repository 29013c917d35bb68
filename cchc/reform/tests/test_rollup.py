import datetime as dt

import pytest

from cchc.reform import services
from cchc.reform.selectors import Totals, district_rollup
from cchc.testing.factories import UnitFactory
from cchc.units.models import UnitLevel


def enter(unit, *, sessions, participants, reviewed, submit_by=None, recruited=0):
    period = services.period_get_or_create(unit=unit, year=2023, quarter=3, by=None)
    services.section_row_create(
        period=period,
        kind="trainings",
        data={"area": 2, "topic": "Hòa giải", "sessions": sessions, "participants": participants},
        by=None,
    )
    services.section_row_create(
        period=period, kind="legal-reviews", data={"reviewed": reviewed, "to_handle": 1, "handled": 1}, by=None
    )
    services.section_row_create(period=period, kind="dissemination", data={"item": "Bản tin", "count": 2}, by=None)
    if recruited:
        services.section_row_create(
            period=period,
            kind="staffing",
            data={"kind": "recruitment", "count": recruited, "description": "GV"},
            by=None,
        )
    if submit_by:
        services.period_submit(period=period, by=submit_by)
    return period


@pytest.fixture
def rollup_cast(cast):
    # A third commune that has entered nothing, and one dissolved before the quarter: it must not be listed.
    cast.commune_c = UnitFactory(code="gio-hai", name="UBND xã Gio Hải", level=UnitLevel.COMMUNE, parent=cast.district)
    UnitFactory(
        code="gio-old", name="UBND xã Cũ", level=UnitLevel.COMMUNE, parent=cast.district, valid_to=dt.date(2020, 1, 1)
    )
    return cast


def test_rollup_lists_who_submitted_and_sums_the_submitted_communes(rollup_cast):
    c = rollup_cast
    enter(c.commune_a, sessions=2, participants=30, reviewed=3, submit_by=c.leader_a, recruited=4)
    enter(c.commune_b, sessions=5, participants=100, reviewed=9)  # draft: not yet counted
    enter(c.district, sessions=1, participants=65, reviewed=7)
    rollup = district_rollup(district=c.district, year=2023, quarter=3)

    assert [(s.unit.code, s.status) for s in rollup.communes] == [
        ("gio-an", "submitted"),
        ("gio-chau", "draft"),
        ("gio-hai", "missing"),
    ]
    assert [s.unit.code for s in rollup.not_submitted] == ["gio-chau", "gio-hai"]
    by_code = {s.unit.code: s.totals for s in rollup.communes}
    assert (by_code["gio-chau"].training_sessions, by_code["gio-chau"].legal_reviewed) == (5, 9)
    assert by_code["gio-hai"] == Totals()

    communes = rollup.communes_totals
    assert (communes.trainings, communes.training_sessions, communes.training_participants) == (1, 2, 30)
    assert (communes.legal_reviewed, communes.dissemination_count, communes.recruited) == (3, 2, 4)
    grand = rollup.grand_totals
    assert (grand.trainings, grand.training_sessions, grand.training_participants) == (2, 3, 95)
    assert (grand.legal_reviewed, grand.legal_to_handle, grand.legal_handled) == (10, 2, 2)
    assert grand.dissemination_count == 4


def test_rollup_page_shows_the_sums(rollup_cast, client):
    c = rollup_cast
    enter(c.commune_a, sessions=2, participants=30, reviewed=3, submit_by=c.leader_a)
    enter(c.commune_b, sessions=5, participants=100, reviewed=9, submit_by=c.leader_b)
    client.force_login(c.reform_officer)
    response = client.get("/can-bo/reform/gio-linh/2023/q3/rollup/")
    assert response.status_code == 200
    assert response.context["rollup"].communes_totals.training_participants == 130
    assert '<td class="num">130</td>' in response.content.decode()
    assert "UBND xã Cũ" not in response.content.decode()
