"""The columns of the three exchange tables (see the module docstring of services.py for their meaning)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Columns:
    """The columns of one table kind: those that must be in the header and those that may be.

    `order` is the column order of an exported file; by default the required columns, then the optional ones.
    """

    required: tuple[str, ...]
    optional: tuple[str, ...]
    order: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.order:
            object.__setattr__(self, "order", self.required + self.optional)
        if set(self.order) != set(self.required + self.optional):
            raise ValueError("order must name each required and optional column once")

    @property
    def all(self) -> tuple[str, ...]:
        return self.order


UNIT_COLUMNS = Columns(
    required=("code", "name", "level"),
    optional=("parent_code", "valid_from", "valid_to", "successor_code"),
    order=("code", "name", "level", "parent_code", "valid_from", "valid_to", "successor_code"),
)

# The public-posting columns (what the portal's catalogue shows, Decree 61/2018 Art. 15): a file without one of
# them leaves that field of each procedure as it is, so an older catalogue file never wipes them.
PROCEDURE_POSTING_COLUMNS = ("legal_basis", "result_description", "online_note", "submission_place")

PROCEDURE_COLUMNS = Columns(
    required=("code", "name", "level", "processing_days"),
    optional=("field", "online_service", "fee", "posted", *PROCEDURE_POSTING_COLUMNS),
    order=(
        "code",
        "name",
        "level",
        "field",
        "processing_days",
        "online_service",
        "fee",
        "posted",
        *PROCEDURE_POSTING_COLUMNS,
    ),
)

DOSSIER_COLUMNS = Columns(
    required=("code", "procedure_code", "unit_code", "channel", "received_at"),
    optional=(
        "due_at",
        "finished_at",
        "outcome",
        "components_digitized",
        "result_digitized",
        "apology_at",
        "evaluated_at",
        "e_certified",
        "applicant_name",
        "applicant_id",
        "applicant_phone",
    ),
)
