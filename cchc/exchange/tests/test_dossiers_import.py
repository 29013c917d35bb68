"""`dossiers_import`: dossiers from another one-stop system, through the workflow guard, all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from cchc.dossiers.models import Apology, Dossier, DossierEvent
from cchc.dossiers.workflow import Action, Status
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.exchange.tables import read_table
from cchc.feedback.models import Evaluation
from cchc.testing.factories import local
from cchc.units.models import CalendarDay, CalendarDayKind

from .files import DATA, snapshot, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["code", "procedure_code", "unit_code", "channel", "received_at", "due_at", "finished_at", "outcome"]
ONE_ROW = ["D-1", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", ""]


def load(path, service=dossiers_import, **kwargs):
    header, rows = read_table(path)
    return service(rows=rows, header=header, **kwargs)


@pytest.fixture
def reference_data():
    """The sample unit tree and catalogue."""
    assert load(DATA / "units.csv", units_import).ok
    assert load(DATA / "procedures.csv", procedures_import).ok


def test_sample_dossiers_load_with_derived_deadlines_statuses_and_related_rows(reference_data):
    """Deadlines come from working days (cut-off for paper, office hours for online), statuses from outcomes."""
    result = load(DATA / "dossiers.csv")
    assert (result.created, result.updated, result.unchanged, result.errors) == (5, 0, 0, [])

    first = Dossier.objects.get(code="000.21.27.H45-230703-0001")
    assert first.imported and first.status == Status.DELIVERED
    assert first.clock_start_at == local(2023, 7, 3, 9, 0)
    assert first.due_at == local(2023, 7, 6, 9, 0)  # three 8-hour working days
    assert first.processing_working_days == Decimal("2.13")  # 17 working hours
    assert first.delivered_at == first.finished_at == local(2023, 7, 5, 10, 0)
    assert (first.processing_days, first.online_service, first.regime) == (3, "full", "2018")
    assert (first.components_digitized, first.result_digitized, first.e_certified) == (True, True, False)
    assert (first.applicant_name, first.applicant_id_number, first.applicant_phone) == (
        "Nguyễn Văn An",
        "045123456789",
        "0912345678",
    )
    assert first.receiving_unit.code == first.processing_unit.code == "gio-an"
    assert Evaluation.objects.get(dossier=first).submitted_at == local(2023, 7, 5, 10, 30)
    event = first.events.get()
    assert (event.action, event.from_status, event.to_status) == (Action.IMPORT, "", Status.DELIVERED)

    after_cutoff = Dossier.objects.get(code="000.21.27.H45-230703-0002")
    assert after_cutoff.status == Status.IN_PROCESS
    assert after_cutoff.clock_start_at == local(2023, 7, 4, 7, 0)  # 16:00 is past the 15:00 paper cut-off
    assert after_cutoff.due_at == local(2023, 7, 4, 11, 0)  # half a day
    assert after_cutoff.finished_at is None and after_cutoff.outcome == ""
    assert after_cutoff.processing_working_days is None and after_cutoff.delivered_at is None

    online = Dossier.objects.get(code="000.21.27.H45-230704-0001")
    assert online.clock_start_at == local(2023, 7, 5, 7, 0)  # submitted in the evening
    assert online.due_at == local(2023, 7, 7, 17, 0)  # given in the file
    assert Apology.objects.get(dossier=online).issued_at == local(2023, 7, 7, 15, 0)
    assert Apology.objects.get(dossier=online).new_due_at is None

    withdrawn = Dossier.objects.get(code="000.00.27.H45-230705-0001")
    assert (withdrawn.status, withdrawn.channel, withdrawn.processing_working_days) == (
        Status.WITHDRAWN,
        "postal",
        None,
    )

    new_regime = Dossier.objects.get(code="000.21.27.H45-250702-0001")
    assert (new_regime.regime, new_regime.e_certified) == ("2025", True)


def test_calendar_corrections_move_computed_deadlines(reference_data, tmp_path):
    """A day off entered by the administrator is skipped when due_at is computed."""
    CalendarDay.objects.create(date=dt.date(2023, 7, 4), kind=CalendarDayKind.DAY_OFF)
    path = write_csv(
        tmp_path / "d.csv", HEADER, [["D-1", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", ""]]
    )
    assert load(path).created == 1
    assert Dossier.objects.get(code="D-1").due_at == local(2023, 7, 7, 9, 0)


@override_settings(CCHC_REGIME_2025_FROM="2023-07-04")
def test_the_regime_follows_the_configured_date(reference_data):
    """Dossiers received on or after CCHC_REGIME_2025_FROM (local date) are under the 2025 regime."""
    load(DATA / "dossiers.csv")
    regimes = dict(Dossier.objects.values_list("code", "regime"))
    assert regimes["000.21.27.H45-230703-0002"] == "2018"
    assert regimes["000.21.27.H45-230704-0001"] == "2025"


def test_reimport_is_unchanged_without_events_and_a_changed_row_logs_one(reference_data, tmp_path):
    """The same file again leaves everything as it is; a finished row updates its dossier with a new event."""
    load(DATA / "dossiers.csv")
    before = snapshot()
    again = load(DATA / "dossiers.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert snapshot() == before

    path = write_xlsx(
        tmp_path / "d.xlsx",
        [*HEADER, "apology_at", "evaluated_at"],
        [
            [
                "000.21.27.H45-230703-0002",
                "2.000815",
                "gio-an",
                "direct",
                dt.datetime(2023, 7, 3, 16, 0),
                None,
                dt.datetime(2023, 7, 4, 10, 0),
                "resolved",
                None,
                "2023-07-04T10:30:00+07:00",
            ]
        ],
    )
    result = load(path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0), result.errors
    dossier = Dossier.objects.get(code="000.21.27.H45-230703-0002")
    assert dossier.status == Status.DELIVERED
    assert dossier.finished_at == local(2023, 7, 4, 10, 0)
    assert dossier.processing_working_days == Decimal("0.38")  # 07:00-10:00 is 3 of 8 hours
    event = dossier.events.order_by("pk").last()
    assert (event.from_status, event.to_status) == (Status.IN_PROCESS, Status.DELIVERED)
    assert set(event.data["changed"]) >= {"finished_at", "outcome", "delivered_at", "processing_working_days"}
    assert dossier.events.count() == 2
    assert Evaluation.objects.get(dossier=dossier).submitted_at == local(2023, 7, 4, 10, 30)


def test_a_later_catalogue_change_does_not_rewrite_an_imported_deadline(reference_data, tmp_path):
    """The time limit copied at the first import is kept while the dossier's procedure stays the same."""
    path = write_csv(
        tmp_path / "d.csv", HEADER, [["D-1", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", ""]]
    )
    load(path)
    procedures_import(
        rows=[{"code": "1.001612", "name": "Đăng ký khai sinh", "level": "commune", "processing_days": "5"}]
    )
    result = load(path)
    assert result.unchanged == 1
    assert Dossier.objects.get(code="D-1").processing_days == 3


def test_every_bad_row_is_reported_with_row_column_and_reason(reference_data):
    """The sample bad file: unknown column, procedure, unit, channel, date, order, outcome rules, duplicate."""
    load(DATA / "dossiers.csv")
    before = snapshot()
    result = load(DATA / "dossiers-bad.csv")
    assert [(e.row, e.column) for e in result.errors] == [
        (1, "colour"),
        (2, "procedure_code"),
        (3, "unit_code"),
        (3, "channel"),
        (3, "received_at"),
        (4, "finished_at"),
        (5, "outcome"),
        (6, "outcome"),
        (7, "code"),
    ]
    text = [str(e) for e in result.errors]
    assert "9.999999" in text[1]
    assert "'fax' is not one of: online, direct, postal" in text[3]
    assert "before received_at" in text[5]
    assert "needs finished_at" in text[6]
    assert "row 2" in text[8]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert snapshot() == before


def test_bad_flags_times_and_lengths_are_reported(reference_data, tmp_path):
    """Booleans must be true/false, optional times ISO 8601, personal data within the field lengths."""
    path = write_csv(
        tmp_path / "d.csv",
        ["code", "procedure_code", "unit_code", "channel", "received_at", "e_certified", "apology_at", "applicant_id"],
        [
            ["D-1", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "yes", "", ""],
            ["D-2", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "tomorrow", "1" * 40],
            ["", "1.001612", "gio-an", "direct", "", "", "", ""],
        ],
    )
    result = load(path)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "e_certified"),
        (3, "apology_at"),
        (3, "applicant_id"),
        (4, "code"),
        (4, "received_at"),
    ]
    assert not Dossier.objects.exists()


def test_missing_required_columns_are_reported_once(reference_data, tmp_path):
    """A header without unit_code and channel names both, on row 1."""
    path = write_csv(
        tmp_path / "d.csv", ["code", "procedure_code", "received_at"], [["D-1", "1.001612", "2023-07-03T09:00"]]
    )
    result = load(path)
    assert [(e.row, e.column) for e in result.errors] == [(1, "unit_code"), (1, "channel")]


def test_dry_run_reports_counts_and_writes_nothing(reference_data):
    """A dry run of a good file counts what would be created; a second one, after a real import, unchanged."""
    result = load(DATA / "dossiers.csv", dry_run=True)
    assert (result.created, result.dry_run) == (5, True)
    assert not DossierEvent.objects.exists() and not Dossier.objects.exists()
    load(DATA / "dossiers.csv")
    assert load(DATA / "dossiers.csv", dry_run=True).unchanged == 5
