"""The demo loads through the import path and its figures are the report's (all tests share one load)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from cchc.accounts.models import Membership, Role
from cchc.demo.catalogue import SUCCESSORS
from cchc.demo.load import DEMO_PASSWORD, demo_load
from cchc.demo.targets import DISTRICT, load_targets, round_half_up
from cchc.dossiers.models import Apology, Dossier, DossierEvent
from cchc.dossiers.workflow import Action
from cchc.lib.periods import STATUTORY, parse_period
from cchc.procedures.models import Procedure
from cchc.reform.models import ReportPeriod
from cchc.reports.figures.dossiers import dossier_figures, dossier_figures_by_unit
from cchc.units.models import Unit, UnitLevel

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

PERIOD = parse_period("2023-Q3", STATUTORY)
SCOPES = {"self": "district", "children": "commune_level", "tree": "whole"}


def test_it_loads_the_8134_dossiers_through_the_import(demo):
    """Every 2023 dossier is an imported record with an import event; a second load adds nothing."""
    gio_linh = Dossier.objects.filter(receiving_unit__path__startswith="/quang-tri/gio-linh/")
    assert demo["dossiers"] == gio_linh.count() == 8134
    assert gio_linh.filter(imported=True).count() == 8134
    assert DossierEvent.objects.filter(action=Action.IMPORT, dossier__in=gio_linh).count() == 8134
    assert ReportPeriod.objects.filter(unit__code=DISTRICT, year=2023, quarter=3).exists()
    before = Dossier.objects.count()
    assert demo_load() == {}
    assert Dossier.objects.count() == before


def test_the_command_does_not_load_twice_and_prints_the_logins(demo):
    """`cchc demo` on a loaded database keeps the data and lists the accounts with the password."""
    before = Dossier.objects.count()
    out = StringIO()
    call_command("demo", stdout=out)
    assert Dossier.objects.count() == before
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    # The shared password comes with a warning that it is for the demo only (issue 7 item 2).
    assert "for the demo only" in text or "chỉ dành cho bản trình diễn" in text
    for username in ("admin", "motcua.gio-an", "chuyenvien.gio-an", "lanhdao.gio-an", "cchc.gio-linh"):
        assert username in text


@pytest.mark.parametrize("scope", SCOPES)
def test_the_scope_figures_are_the_reports(demo, scope):
    """Receipts, carry-over, totals, resolved (in time / late) and pending match section I.3 for each scope."""
    printed = getattr(load_targets(), SCOPES[scope])
    f = dossier_figures(unit=Unit.objects.get(code=DISTRICT), period=PERIOD, scope=scope)
    c = f.counts
    assert c["received_online"] == printed.received_online
    assert c["received_direct"] == printed.received_direct
    assert c["received_postal"] == 0
    assert c["carried_over"] == printed.carried_over
    assert c["total"] == printed.total
    assert c["resolved"] == printed.resolved
    assert c["resolved_early"] + c["resolved_on_time"] == printed.resolved_early_or_on_time
    assert c["resolved_late"] == printed.resolved_late
    assert c["pending"] == printed.pending
    assert c["pending_within_deadline"] == printed.pending_within_deadline
    assert c["pending_overdue"] == printed.pending_overdue == 0
    assert c["withdrawn_or_returned"] == 0
    assert f.rates["on_time_of_resolved"].percent == Decimal(
        "99.95" if scope == "tree" else "99.89" if scope == "self" else "99.96"
    )


def test_the_whole_district_apologies_evaluations_and_certifications(demo):
    """9 apologies (all 4 late dossiers among them), 5,756 evaluations, 136 e-certifications; the printed
    77.53 % evaluation rate is an error: the records give 75.60 %."""
    t = load_targets()
    f = dossier_figures(unit=Unit.objects.get(code=DISTRICT), period=PERIOD, scope="tree")
    assert f.counts["apologies"] == t.apologies == 9
    assert f.counts["late"] == f.counts["late_with_apology"] == 4
    assert f.counts["evaluations"] == t.evaluations
    assert f.counts["e_certifications"] == t.e_certifications
    assert f.rates["evaluation"].percent == Decimal("75.60")
    assert f.rates["late_of_resolved"].percent == Decimal("0.05")


def test_each_units_rates_are_the_printed_ones(demo):
    """Per unit: digitized components and results (2 places), online rate (1 place), full-online dossiers."""
    t = load_targets()
    figures = dossier_figures_by_unit(parent=Unit.objects.get(code=DISTRICT), period=PERIOD)
    for code in [DISTRICT, *t.communes]:
        rates = figures[code].rates
        assert rates["digitized_components"].percent == t.digitized_components[code], code
        assert rates["digitized_results"].percent == t.digitized_results[code], code
        assert round_half_up(rates["online"].percent, 1) == t.online[code], code
        if code == DISTRICT:
            continue
        full = rates["full_online"]
        if code == "tt-gio-linh":
            assert (full.numerator, full.denominator) == (2, 2)
        else:
            assert full.numerator == 0 and full.denominator > 0, code


def test_nothing_of_2023_stays_open(demo):
    """Dossiers pending at the cut-off were resolved in Q4/2023, none of them late."""
    gio_linh = Dossier.objects.filter(receiving_unit__path__startswith="/quang-tri/gio-linh/")
    assert not gio_linh.filter(finished_at__isnull=True).exists()
    after = gio_linh.filter(finished_at__gte=PERIOD.end_at)
    assert after.count() == load_targets().whole.pending
    assert after.filter(finished_at__year=2023).count() == after.count()


def test_the_units_and_their_2025_successors(demo):
    """17 communes and the district end on 2025-06-30; the four new communes start on 2025-07-01."""
    district = Unit.objects.get(code=DISTRICT)
    communes = Unit.objects.filter(parent=district, level=UnitLevel.COMMUNE)
    assert communes.count() == 17
    assert set(communes.values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}
    assert Unit.objects.get(code="tt-gio-linh").name == "UBND thị trấn Gio Linh"
    assert Unit.objects.filter(parent=district, level=UnitLevel.OFFICE).count() >= 4
    for code, (_name, olds) in SUCCESSORS.items():
        new = Unit.objects.get(code=code)
        assert new.parent.code == "quang-tri" and new.valid_from == dt.date(2025, 7, 1)
        assert set(Unit.objects.filter(successor=new).values_list("code", flat=True)) == set(olds)
    assert Unit.objects.get(code="gio-chau").successor is None
    assert not Unit.objects.filter(level__in=[UnitLevel.COMMUNE, UnitLevel.DISTRICT], agency_code="").exists()


def test_the_catalogue_extras(demo):
    """Component documents, certification flags and cut-off times, which the exchange format does not carry."""
    assert Procedure.objects.filter(posted=True, level="district").count() == 272
    assert Procedure.objects.filter(posted=True, level="commune").count() == 124
    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    assert birth.components.count() == 3
    assert Procedure.objects.filter(is_certification=True).count() == 2
    assert Procedure.objects.exclude(cutoff_time=None).exists()


def test_every_demo_account_logs_in_with_the_demo_password(demo):
    """A desk officer, a specialist and a leader for a commune, and the district's reform officer."""
    for username, role, unit in [
        ("motcua.gio-an", Role.DESK_OFFICER, "gio-an"),
        ("chuyenvien.gio-an", Role.SPECIALIST, "gio-an"),
        ("lanhdao.gio-an", Role.LEADER, "gio-an"),
        ("cchc.gio-linh", Role.REFORM_OFFICER, "gio-linh"),
        ("motcua.xa-cua-viet", Role.DESK_OFFICER, "xa-cua-viet"),
    ]:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert Membership.objects.filter(user=user, role=role, unit__code=unit).exists()
    admin = authenticate(username="admin", password=DEMO_PASSWORD)
    assert admin is not None and admin.is_superuser


def test_the_2025_desks_have_a_live_work_list(demo):
    """Each new commune has recent dossiers received by its desk officer, open ones, one overdue at least."""
    now = timezone.now()
    for code in SUCCESSORS:
        live = Dossier.objects.filter(receiving_unit__code=code)
        assert live.count() == 10
        assert live.filter(received_by__username=f"motcua.{code}").count() == 10
        assert live.open().count() >= 6
        assert live.overdue(now).exists(), code
        assert live.filter(finished_at__isnull=False, finished_at__lte=F("due_at")).exists()
        assert all(d.received_at <= now for d in live)
    assert demo["live_dossiers"] == 40
    assert not Apology.objects.filter(dossier__receiving_unit__code__in=list(SUCCESSORS)).exists()


def test_the_demo_s_made_up_applicants_get_no_notice(demo):
    """The live dossiers are received and moved through the services (events that make notices), but their
    applicants are invented: no notice is made, so no real SMS gateway ever texts their numbers."""
    from cchc.notices.models import Notice

    assert Dossier.objects.filter(imported=False).exists()
    assert not Notice.objects.exists()
