"""Loading dossiers from exchange tables through the workflow guard (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers import deadlines, workflow
from cchc.dossiers.models import Apology, Channel, Dossier, Outcome
from cchc.dossiers.services import receipt_facts
from cchc.feedback.models import Evaluation
from cchc.lib import workdays
from cchc.procedures.models import Procedure
from cchc.procedures.selectors import levels_received
from cchc.units.models import Unit
from cchc.units.selectors import province_of
from cchc.units.services import UnitNotInForce, check_unit_in_force

from ..formats import DOSSIER_COLUMNS
from ..tables import Row
from ..validation import ImportResult, RowError, RowReader, data_rows, header_of, nfc
from .common import CHUNK, begin, check_unique, chunks, finish

if TYPE_CHECKING:
    from cchc.accounts.models import User


@dataclass
class _DossierRow:
    row: int
    code: str
    fields: dict[str, Any]
    apology_at: dt.datetime | None
    evaluated_at: dt.datetime | None
    due_given: bool
    current: Dossier | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    status_changes: bool = False
    apology_changes: bool = False
    evaluation_changes: bool = False

    @property
    def differs(self) -> bool:
        return bool(self.changes) or self.status_changes or self.apology_changes or self.evaluation_changes


def _same(dossier: Dossier, name: str, value: Any) -> bool:
    if name in ("procedure", "receiving_unit"):
        return getattr(dossier, f"{name}_id") == value.pk
    return getattr(dossier, name) == value


class _Context:
    """What every row is checked against, loaded once: the catalogue, the units, the dossiers already there, and
    the working-day calendar of each province the rows' units belong to (built at its first row)."""

    def __init__(self) -> None:
        self.procedures = {
            p.code: p
            for p in Procedure.objects.only("pk", "code", "level", "processing_days", "online_service", "cutoff_time")
        }
        self.units = {u.code: u for u in Unit.objects.all()}
        self.dossiers: dict[str, Dossier] = {}
        self.apologies: dict[int, Apology] = {}
        self.evaluations: dict[int, Evaluation] = {}
        self._province_of: dict[str, str] = {}
        self._calendars: dict[str, workdays.WorkCalendar] = {}

    def load_batch(self, rows: Iterable[Row]) -> None:
        """The dossiers of this batch of rows already in the database, with their apologies and evaluations (the
        previous batch's are dropped: a file is read one batch at a time)."""
        codes = sorted({nfc(str(row.get("code") or "")).strip() for row in rows} - {""})
        self.dossiers = {}
        for chunk in chunks(codes):
            self.dossiers.update({d.code: d for d in Dossier.objects.filter(code__in=chunk)})
        ids = [d.pk for d in self.dossiers.values()]
        self.apologies = {}
        self.evaluations = {}
        for chunk in chunks(ids):
            self.apologies.update({a.dossier_id: a for a in Apology.objects.filter(dossier_id__in=chunk)})
            for evaluation in Evaluation.objects.filter(dossier_id__in=chunk).order_by("-submitted_at", "-pk"):
                self.evaluations[evaluation.dossier_id] = evaluation  # the earliest one is written last

    def calendar_for(self, unit: Unit) -> workdays.WorkCalendar:
        """The calendar of `unit`'s province (its corrections over the national ones; the national calendar for a
        unit outside any province), one per province for the whole file."""
        province_code = self._province_of.get(unit.code)
        if province_code is None:
            province = province_of(unit)
            province_code = self._province_of[unit.code] = province.code if province else ""
        cal = self._calendars.get(province_code)
        if cal is None:
            cal = self._calendars[province_code] = workdays.calendar(self.units.get(province_code))
        return cal


# The choices' values, listed once: `TextChoices.values` builds a new list on every access.
CHANNELS = tuple(Channel.values)
OUTCOMES = tuple(Outcome.values)


def _read_dossier(reader: RowReader, ctx: _Context, first_row: dict[str, int]) -> _DossierRow | None:
    code = reader.text("code", required=True, max_length=64)
    check_unique(reader, code, first_row)
    procedure_code = reader.text("procedure_code", required=True)
    procedure = ctx.procedures.get(procedure_code) if procedure_code else None
    if procedure_code and procedure is None:
        reader.error("procedure_code", _("unknown procedure %(code)r") % {"code": procedure_code})
    unit_code = reader.text("unit_code", required=True)
    unit = ctx.units.get(unit_code) if unit_code else None
    if unit_code and unit is None:
        reader.error("unit_code", _("unknown unit %(code)r") % {"code": unit_code})
    channel = reader.choice("channel", CHANNELS, required=True)
    received_at = reader.datetime("received_at", required=True)
    if unit is not None and received_at is not None:
        try:  # a unit takes no dossier outside its validity dates (domain.md §8)
            check_unit_in_force(unit, timezone.localtime(received_at).date())
        except UnitNotInForce as exc:
            reader.error("unit_code", str(exc))
    if unit is not None and procedure is not None and procedure.level not in levels_received(unit):
        # The desk receives the procedures of its own level (procedures.selectors, Decree 61/2018 Art. 14).
        reader.error(
            "procedure_code",
            _("the desk of %(unit)s does not receive %(level)s procedures such as %(code)s")
            % {"unit": unit.code, "level": procedure.get_level_display(), "code": procedure.code},
        )
    due_at = reader.datetime("due_at")
    finished_at = reader.datetime("finished_at")
    outcome = reader.choice("outcome", OUTCOMES)
    if finished_at and received_at and finished_at < received_at:
        reader.error(
            "finished_at",
            _("finished_at %(finished)s is before received_at %(received)s")
            % {"finished": reader.raw("finished_at"), "received": reader.raw("received_at")},
        )
    if outcome and not finished_at and "finished_at" not in reader.failed:
        reader.error("outcome", _("an outcome needs finished_at"))
    if finished_at and outcome == "":
        reader.error("outcome", _("finished_at needs an outcome (resolved, withdrawn or returned)"))
    flags = {name: reader.boolean(name) for name in ("components_digitized", "result_digitized", "e_certified")}
    apology_at = reader.datetime("apology_at")
    evaluated_at = reader.datetime("evaluated_at")
    applicant = {
        "applicant_name": reader.text("applicant_name", max_length=200),
        "applicant_id_number": reader.id_number("applicant_id"),
        "applicant_phone": reader.text("applicant_phone", max_length=32),
    }
    if reader.failed:
        return None
    assert procedure and unit and received_at and code and channel  # every path that leaves one empty failed the row

    current = ctx.dossiers.get(code)
    if current is not None and current.procedure_id == procedure.pk:
        days, online_service = current.processing_days, current.online_service
    else:
        days, online_service = procedure.processing_days, procedure.online_service
    cal = ctx.calendar_for(unit)
    facts = receipt_facts(
        procedure=procedure,
        channel=channel,
        received_at=received_at,
        processing_days=days,
        cal=cal,
        due_at=due_at,
    )
    clock_start_at = facts.clock_start_at
    resolved = outcome == Outcome.RESOLVED
    fields = {
        "procedure": procedure,
        "receiving_unit": unit,
        "channel": channel,
        "regime": facts.regime,
        "processing_days": days,
        "online_service": online_service,
        "received_at": received_at,
        "clock_start_at": clock_start_at,
        "due_at": facts.due_at,
        "finished_at": finished_at,
        "outcome": outcome,
        "delivered_at": finished_at if resolved else None,
        "processing_working_days": (
            cal.working_time_between(clock_start_at, finished_at) if resolved and finished_at else None
        ),
        **flags,
        **applicant,
        "imported": True,
    }
    return _DossierRow(reader.number, code, fields, apology_at, evaluated_at, due_at is not None, current=current)


# The statuses a dossier may be in for each outcome of the file: a status that fits is left as it is.
FITTING_STATUSES = {
    "": set(workflow.OPEN),
    Outcome.RESOLVED: {workflow.Status.RESULT_ISSUED, workflow.Status.REFUSED, workflow.Status.DELIVERED},
    Outcome.WITHDRAWN: {workflow.Status.WITHDRAWN},
    Outcome.RETURNED: {workflow.Status.RETURNED},
}
# The dossier fields a row states (the rest are derived); the column that holds each, where the name differs.
STATED_FIELDS = (
    "procedure",
    "receiving_unit",
    "channel",
    "received_at",
    "finished_at",
    "outcome",
    "components_digitized",
    "result_digitized",
    "e_certified",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
)
COLUMN_OF = {"procedure": "procedure_code", "receiving_unit": "unit_code", "applicant_id_number": "applicant_id"}


def _compare(plan: _DossierRow, ctx: _Context) -> RowError | None:
    """Fill in what the row would change on the dossier already in the database.

    A dossier received in this system (not imported) is compared on what the row states only, and an
    import may not change it: its life cycle is run here, so a difference is reported as an error.
    """
    current = plan.current
    if current is None:
        plan.changes = dict(plan.fields)
        plan.apology_changes = plan.apology_at is not None
        plan.evaluation_changes = plan.evaluated_at is not None
        return None
    apology = ctx.apologies.get(current.pk)
    plan.apology_changes = plan.apology_at is not None and (apology is None or apology.issued_at != plan.apology_at)
    evaluation = ctx.evaluations.get(current.pk)
    plan.evaluation_changes = plan.evaluated_at is not None and (
        evaluation is None or evaluation.submitted_at != plan.evaluated_at
    )
    plan.status_changes = current.status not in FITTING_STATUSES[plan.fields["outcome"]]
    if current.imported:
        plan.changes = {name: value for name, value in plan.fields.items() if not _same(current, name, value)}
        return None
    stated = STATED_FIELDS + (("due_at",) if plan.due_given else ())
    changed = [COLUMN_OF.get(name, name) for name in stated if not _same(current, name, plan.fields[name])]
    changed += [
        name for name, flag in (("apology_at", plan.apology_changes), ("evaluated_at", plan.evaluation_changes)) if flag
    ]
    if plan.status_changes and "outcome" not in changed:
        changed.append("outcome")
    if not changed:
        plan.apology_changes = plan.evaluation_changes = plan.status_changes = False
        return None
    return RowError(
        plan.row,
        changed[0],
        _("dossier %(code)s was received in this system, not imported; an import cannot change it (%(columns)s)")
        % {"code": plan.code, "columns": ", ".join(changed)},
    )


def _write(plans: list[_DossierRow], ctx: _Context, by: User | None) -> None:
    """Apply the changed rows through the guard in bulk, then insert or move their apologies and evaluations."""
    items = []
    for plan in plans:
        if plan.current is None:
            dossier = Dossier(code=plan.code, processing_unit=plan.fields["receiving_unit"])
            items.append(workflow.Item(dossier, changes=plan.changes, data={}))
        else:
            items.append(workflow.Item(plan.current, changes=plan.changes, data={"changed": sorted(plan.changes)}))
    workflow.apply_many(items, workflow.Action.IMPORT, roles={workflow.SYSTEM}, actor=by)
    new_apologies: list[Apology] = []
    moved_apologies: list[Apology] = []
    new_evaluations: list[Evaluation] = []
    moved_evaluations: list[Evaluation] = []
    for plan, item in zip(plans, items, strict=True):
        dossier = item.dossier
        if plan.apology_changes and plan.apology_at is not None:
            apology = ctx.apologies.get(dossier.pk)
            if apology is None:
                in_time = deadlines.apology_in_time(dossier, plan.apology_at)
                new_apologies.append(Apology(dossier=dossier, issued_at=plan.apology_at, in_time=in_time))
            else:
                apology.issued_at = plan.apology_at
                apology.in_time = deadlines.apology_in_time(dossier, plan.apology_at)
                moved_apologies.append(apology)
        if plan.evaluation_changes and plan.evaluated_at is not None:
            evaluation = ctx.evaluations.get(dossier.pk)
            if evaluation is None:
                new_evaluations.append(Evaluation(dossier=dossier, submitted_at=plan.evaluated_at))
            else:
                evaluation.submitted_at = plan.evaluated_at
                moved_evaluations.append(evaluation)
    Apology.objects.bulk_create(new_apologies, batch_size=CHUNK)
    Apology.objects.bulk_update(moved_apologies, ["issued_at", "in_time"], batch_size=CHUNK)
    Evaluation.objects.bulk_create(new_evaluations, batch_size=CHUNK)
    Evaluation.objects.bulk_update(moved_evaluations, ["submitted_at"], batch_size=CHUNK)


# Rows checked and written together: the memory an import holds is about one batch, whatever the file's length.
BATCH_ROWS = 5_000


@transaction.atomic
def dossiers_import(
    *, rows: Iterable[Row], dry_run: bool = False, header: Sequence[str] | None = None, by: User | None = None
) -> ImportResult:
    """Create or update dossiers from `rows` through the workflow guard (Action.IMPORT, role SYSTEM).

    Checks codes (unique in the file), that the procedure and unit exist, the channel, ISO 8601 times,
    finished_at not before received_at, an outcome exactly when finished_at is given, and the flags.
    A created or changed dossier gets an import event (actor `by`, if any); an unchanged one is left alone.
    Writes nothing when any row is wrong or on a dry run.

    `rows` may be an iterator (`tables.iter_table` reading a file of a million rows): they are checked and written
    BATCH_ROWS at a time inside the one transaction, which is rolled back when any row of the file is wrong (a
    bad last row included), so memory stays about one batch and the file is still all or nothing. Every problem
    of the file is reported. Without `header`, the rows are read into a list to find their columns.
    """
    if header is None:
        rows = list(rows)
        header = header_of(rows)
    result, missing = begin([], header, DOSSIER_COLUMNS, dry_run)
    ctx = _Context()
    first_row: dict[str, int] = {}
    readers = data_rows(rows, missing, result.errors)
    while batch := list(itertools.islice(readers, BATCH_ROWS)):
        ctx.load_batch(reader.values for reader in batch)
        plans = [plan for reader in batch if (plan := _read_dossier(reader, ctx, first_row))]
        for plan in plans:
            if error := _compare(plan, ctx):
                result.errors.append(error)
        if result.errors:
            continue  # the rest of the file is still checked, for its problems; nothing more is written
        for plan in plans:
            if plan.current is None:
                result.created += 1
            elif plan.differs:
                result.updated += 1
            else:
                result.unchanged += 1
        if not dry_run:
            _write([plan for plan in plans if plan.differs], ctx, by)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        transaction.set_rollback(True)  # what the batches before the first problem wrote
    elif not dry_run and (result.created or result.updated):
        from cchc.serviceindex.cached import bump_figures_version

        # The service index keeps past periods' counts a day: an import may change them (decision 0034).
        transaction.on_commit(bump_figures_version)
    return finish(result)
