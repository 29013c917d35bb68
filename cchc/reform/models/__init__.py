"""What the quarterly CCHC report states beyond dossier figures, kept with its unit and quarter.

Each unit (a commune, or the district itself) enters its own rows for a quarter in a ReportPeriod. While the
period is a draft its rows change freely; once submitted it is locked and every later change is a Correction
(who, when, which row and field, old and new value, why). The services in services.py enforce it.
"""

from __future__ import annotations

from .activities import (
    DOCUMENT_TYPE_NAMES_VI,
    DirectiveDocument,
    DocumentType,
    EGovernmentFact,
    LawDissemination,
    LegalDocumentReview,
    NarrativeKind,
    NarrativeSection,
    ProcedureReview,
    ReformActivity,
    StaffingAction,
    StaffingKind,
    Training,
)
from .base import (
    PART_AREAS,
    AreaPartMixin,
    Correction,
    CorrectionAction,
    PeriodStatus,
    ReformArea,
    ReformPart,
    ReportPeriod,
    SectionRow,
    part_constraint,
    part_field,
    share_pct,
)
from .finance import MONEY, BudgetKind, BudgetLine, CapitalDisbursement
from .report_settings import ReportSettings

__all__ = [
    "AreaPartMixin",
    "BudgetKind",
    "BudgetLine",
    "CapitalDisbursement",
    "Correction",
    "CorrectionAction",
    "DOCUMENT_TYPE_NAMES_VI",
    "DirectiveDocument",
    "DocumentType",
    "EGovernmentFact",
    "LawDissemination",
    "LegalDocumentReview",
    "MONEY",
    "NarrativeKind",
    "NarrativeSection",
    "PART_AREAS",
    "PeriodStatus",
    "ProcedureReview",
    "ReformActivity",
    "ReformArea",
    "ReformPart",
    "ReportPeriod",
    "ReportSettings",
    "SECTION_MODELS",
    "SectionRow",
    "StaffingAction",
    "StaffingKind",
    "Training",
    "part_constraint",
    "part_field",
    "section_key",
    "share_pct",
]

SECTION_MODELS: dict[str, type[SectionRow]] = {
    "documents": DirectiveDocument,
    "trainings": Training,
    "legal-reviews": LegalDocumentReview,
    "dissemination": LawDissemination,
    "procedure-reviews": ProcedureReview,
    "staffing": StaffingAction,
    "budget": BudgetLine,
    "disbursement": CapitalDisbursement,
    "egov": EGovernmentFact,
    "activities": ReformActivity,
    "narrative": NarrativeSection,
}


def section_key(model: type[SectionRow]) -> str:
    return next(key for key, value in SECTION_MODELS.items() if value is model)
