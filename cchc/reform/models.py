"""What the quarterly CCHC report states beyond dossier figures, kept with its unit and quarter.

Each unit (a commune, or the district itself) enters its own rows for a quarter in a ReportPeriod. While the
period is a draft its rows change freely; once submitted it is locked and every later change is a Correction
(who, when, which row and field, old and new value, why). The services in services.py enforce it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.periods import CALENDAR, Period, parse_period
from cchc.reports.figures.definitions import percent


class ReformArea(models.IntegerChoices):
    """The eight parts of section I of the report outline (domain.md §6.2)."""

    DIRECTION = 1, _("Direction and management of reform")
    INSTITUTIONS = 2, _("Institutional reform")
    PROCEDURES = 3, _("Administrative procedure reform")
    APPARATUS = 4, _("Reform of the state apparatus")
    CIVIL_SERVICE = 5, _("Civil service reform")
    PUBLIC_FINANCE = 6, _("Public finance reform")
    E_GOVERNMENT = 7, _("E-government and digital government")
    INDICES = 8, _("PAPI, SIPAS and PAR INDEX")


class ReformPart(models.TextChoices):
    """The named parts of a reform area in the report outline; a row without a part goes to its area's default."""

    INSTITUTIONS_REVIEW = "institutions.review", _("2.1 Review of legal documents")
    INSTITUTIONS_MONITORING = "institutions.monitoring", _("2.2 Monitoring of law enforcement")
    INSTITUTIONS_DISSEMINATION = "institutions.dissemination", _("2.3 Law dissemination")
    FINANCE_AUTONOMY = "finance.autonomy", _("6 Financial autonomy of public service units")


# The area each part belongs to: a part is only valid on a row of that area.
PART_AREAS: dict[str, int] = {
    ReformPart.INSTITUTIONS_REVIEW: ReformArea.INSTITUTIONS,
    ReformPart.INSTITUTIONS_MONITORING: ReformArea.INSTITUTIONS,
    ReformPart.INSTITUTIONS_DISSEMINATION: ReformArea.INSTITUTIONS,
    ReformPart.FINANCE_AUTONOMY: ReformArea.PUBLIC_FINANCE,
}


def part_field() -> models.CharField:
    return models.CharField(
        _("part of the area"),
        max_length=32,
        choices=ReformPart.choices,
        blank=True,
        help_text=_("Where the row goes within its area; empty: the area's usual place."),
    )


def part_constraint(name: str) -> models.CheckConstraint:
    """The database's own check that a row's part belongs to its area (the forms say why, this makes sure)."""
    condition = Q(part="")
    for area in sorted(set(PART_AREAS.values())):
        condition |= Q(area=int(area), part__in=[str(p) for p, a in PART_AREAS.items() if a == area])
    return models.CheckConstraint(condition=condition, name=name)


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ReportPeriod(models.Model):
    """One unit's report data for one quarter: a draft until submitted, then locked."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(_("status"), max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-quarter", "unit__path"]
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="reform_period_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="reform_period_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.SUBMITTED

    def dates(self, cutoff: str = CALENDAR) -> Period:
        """The dates the quarter covers, by calendar or by the statutory cut-off."""
        return parse_period(self.label, cutoff)


class CorrectionAction(models.TextChoices):
    CREATE = "create", _("Row added")
    UPDATE = "update", _("Field changed")
    DELETE = "delete", _("Row deleted")


class Correction(models.Model):
    """A change to a submitted period: never silent, always with its reason."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(_("section"), max_length=32)
    row_id = models.PositiveBigIntegerField(_("row"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=CorrectionAction.choices)
    field = models.CharField(_("field"), max_length=64, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.period} {self.kind}#{self.row_id} {self.field}"


class SectionRow(models.Model):
    """Fields every row of a period carries; `position` keeps the order the officer gave."""

    period = models.ForeignKey(ReportPeriod, verbose_name=_("period"), on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The fields the officer enters (everything else is bookkeeping); forms, import and corrections use them.
    data_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class AreaPartMixin:
    """Checks, for a row with `area` and `part`, that the part belongs to the area."""

    def clean(self) -> None:
        super().clean()
        part = getattr(self, "part", "")
        if part and part in PART_AREAS and self.area is not None and PART_AREAS[part] != self.area:
            raise ValidationError(
                {
                    "part": _("The part “%(part)s” belongs to the area “%(area)s”: choose that area or no part.")
                    % {"part": ReformPart(part).label, "area": ReformArea(PART_AREAS[part]).label}
                }
            )


class DocumentType(models.TextChoices):
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    PLAN = "plan", _("Plan")
    DECISION = "decision", _("Decision")
    GUIDANCE = "guidance", _("Guidance")
    SCHEME = "scheme", _("Scheme")
    REPORT = "report", _("Report")
    NOTICE = "notice", _("Notice")
    DIRECTIVE = "directive", _("Directive")
    OTHER = "other", _("Other document")


# The type names as Vietnamese documents write them (Decree 30/2020, Appendix III): legal terms, not UI text, so
# they do not depend on the interface language. The report and the import use them.
DOCUMENT_TYPE_NAMES_VI = {
    DocumentType.OFFICIAL_LETTER: "Công văn",
    DocumentType.PLAN: "Kế hoạch",
    DocumentType.DECISION: "Quyết định",
    DocumentType.GUIDANCE: "Hướng dẫn",
    DocumentType.SCHEME: "Đề án",
    DocumentType.REPORT: "Báo cáo",
    DocumentType.NOTICE: "Thông báo",
    DocumentType.DIRECTIVE: "Chỉ thị",
    DocumentType.OTHER: "Văn bản",
}


class DirectiveDocument(AreaPartMixin, SectionRow):
    """A document issued to direct reform work (Công văn, Kế hoạch, Quyết định...)."""

    area = models.PositiveSmallIntegerField(_("reform area"), choices=ReformArea.choices)
    part = part_field()
    doc_type = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    number = models.CharField(_("number and symbol"), max_length=64, help_text=_("e.g. 1033/UBND-NC"))
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issuer"), max_length=200)
    summary = models.TextField(_("summary"))

    data_fields = ("area", "part", "doc_type", "number", "date", "issuer", "summary")

    class Meta(SectionRow.Meta):
        verbose_name = _("directive document")
        verbose_name_plural = _("directive documents")
        constraints = [part_constraint("reform_document_part")]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"

    @property
    def type_name_vi(self) -> str:
        return DOCUMENT_TYPE_NAMES_VI.get(self.doc_type, "")


class Training(AreaPartMixin, SectionRow):
    """A training course or conference: its sessions, participants and the units it covered."""

    area = models.PositiveSmallIntegerField(_("reform area"), choices=ReformArea.choices)
    part = part_field()
    topic = models.TextField(_("topic"))
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    sessions = models.PositiveIntegerField(_("sessions"), default=1)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_approximate = models.BooleanField(_("participants approximate"), default=False)
    documents_handed_out = models.PositiveIntegerField(_("documents handed out"), null=True, blank=True)
    units = models.ManyToManyField("units.Unit", verbose_name=_("units involved"), blank=True, related_name="+")

    data_fields = (
        "area",
        "part",
        "topic",
        "audience",
        "sessions",
        "participants",
        "participants_approximate",
        "documents_handed_out",
        "units",
    )

    class Meta(SectionRow.Meta):
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [part_constraint("reform_training_part")]

    def __str__(self) -> str:
        return self.topic[:80]


class LegalDocumentReview(SectionRow):
    """Review of legal documents (rà soát văn bản QPPL): how many reviewed, to handle, handled."""

    reviewed = models.PositiveIntegerField(_("reviewed"))
    to_handle = models.PositiveIntegerField(_("to handle"))
    handled = models.PositiveIntegerField(_("handled"))
    details = models.TextField(_("details"), blank=True)

    data_fields = ("reviewed", "to_handle", "handled", "details")

    class Meta(SectionRow.Meta):
        verbose_name = _("legal document review")
        verbose_name_plural = _("legal document reviews")
        constraints = [
            models.CheckConstraint(condition=Q(to_handle__lte=F("reviewed")), name="reform_review_to_handle"),
            models.CheckConstraint(condition=Q(handled__lte=F("to_handle")), name="reform_review_handled"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewed}/{self.to_handle}/{self.handled}"


class LawDissemination(SectionRow):
    """A law-dissemination item, e.g. the legal column on the district site: 9 issues published."""

    item = models.TextField(_("item"))
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    count_unit = models.CharField(_("counted in"), max_length=50, blank=True, help_text=_("e.g. issues"))

    data_fields = ("item", "count", "count_unit")

    class Meta(SectionRow.Meta):
        verbose_name = _("law dissemination item")
        verbose_name_plural = _("law dissemination items")

    def __str__(self) -> str:
        return self.item[:80]


class StaffingKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    APPOINTMENT = "appointment", _("Appointment")
    SECONDMENT = "secondment", _("Secondment or transfer")
    STAFF_REDUCTION = "staff_reduction", _("Staff reduction")
    OTHER = "other", _("Other")


class StaffingAction(AreaPartMixin, SectionRow):
    """A staffing action: recruitment, appointment, secondment, staff reduction."""

    area = models.PositiveSmallIntegerField(
        _("reform area"), choices=ReformArea.choices, default=ReformArea.CIVIL_SERVICE
    )
    part = part_field()
    kind = models.CharField(_("kind"), max_length=32, choices=StaffingKind.choices)
    count = models.PositiveIntegerField(_("count"), default=1)
    description = models.TextField(_("description"))

    data_fields = ("area", "part", "kind", "count", "description")

    class Meta(SectionRow.Meta):
        verbose_name = _("staffing action")
        verbose_name_plural = _("staffing actions")
        constraints = [part_constraint("reform_staffing_part")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.count}"


def _pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """The percentage the report prints: the figures' one rounding (half-up, 2 decimals; None for a 0 whole)."""
    if part is None or whole is None:
        return None
    return percent(part, whole)


class BudgetKind(models.TextChoices):
    REVENUE_TOTAL = "revenue_total", _("State budget revenue")
    REVENUE_LOCAL = "revenue_local", _("Revenue collected in the area")
    EXPENDITURE_TOTAL = "expenditure_total", _("State budget expenditure")
    CAPITAL_CONSTRUCTION = "capital_construction", _("Capital construction expenditure")
    RECURRENT = "recurrent", _("Recurrent expenditure")
    OTHER = "other", _("Other")


MONEY = {"max_digits": 18, "decimal_places": 3}


class BudgetLine(SectionRow):
    """A budget revenue or expenditure line: the year's plan and the estimate to date, in million VND."""

    kind = models.CharField(_("kind"), max_length=32, choices=BudgetKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("only for the kind Other"))
    plan = models.DecimalField(_("plan (million VND)"), **MONEY)
    estimate = models.DecimalField(_("estimate (million VND)"), **MONEY)
    period_note = models.CharField(_("period"), max_length=50, blank=True, help_text=_("e.g. 9 tháng"))

    data_fields = ("kind", "label", "plan", "estimate", "period_note")

    class Meta(SectionRow.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.estimate}/{self.plan}"

    @property
    def pct(self) -> Decimal | None:
        return _pct(self.estimate, self.plan)


class CapitalDisbursement(SectionRow):
    """Capital (XDCB) disbursed from one funding source up to a date, against its plan; or a forecast."""

    source = models.CharField(_("funding source"), max_length=300)
    plan = models.DecimalField(_("plan (million VND)"), **MONEY)
    disbursed = models.DecimalField(_("disbursed (million VND)"), **MONEY)
    as_of = models.DateField(_("as of"))
    is_forecast = models.BooleanField(_("forecast"), default=False)
    note = models.TextField(_("note"), blank=True)

    data_fields = ("source", "plan", "disbursed", "as_of", "is_forecast", "note")

    class Meta(SectionRow.Meta):
        verbose_name = _("capital disbursement")
        verbose_name_plural = _("capital disbursements")

    def __str__(self) -> str:
        return f"{self.source} {self.disbursed}/{self.plan} ({self.as_of})"

    @property
    def pct(self) -> Decimal | None:
        return _pct(self.disbursed, self.plan)


class EGovernmentFact(SectionRow):
    """A statement about e-government and digital government, with a number when it has one."""

    statement = models.TextField(_("statement"))
    number = models.DecimalField(_("number"), max_digits=18, decimal_places=3, null=True, blank=True)

    data_fields = ("statement", "number")

    class Meta(SectionRow.Meta):
        verbose_name = _("e-government fact")
        verbose_name_plural = _("e-government facts")

    def __str__(self) -> str:
        return self.statement[:80]


class ProcedureReview(SectionRow):
    """Review and simplification of administrative procedures in the quarter."""

    reviewed = models.PositiveIntegerField(_("procedures reviewed"))
    proposed = models.PositiveIntegerField(_("proposed for simplification"))
    simplified = models.PositiveIntegerField(_("simplified"))
    note = models.TextField(_("note"), blank=True)

    data_fields = ("reviewed", "proposed", "simplified", "note")

    class Meta(SectionRow.Meta):
        verbose_name = _("procedure review")
        verbose_name_plural = _("procedure reviews")
        constraints = [
            models.CheckConstraint(condition=Q(simplified__lte=F("proposed")), name="reform_procreview_simplified"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewed}/{self.proposed}/{self.simplified}"

    @property
    def pct(self) -> Decimal | None:
        """Simplified of proposed; None when nothing was proposed (0/0 is "không phát sinh", not 100 %)."""
        return _pct(Decimal(self.simplified), Decimal(self.proposed))


class ReformActivity(AreaPartMixin, SectionRow):
    """Any other statement of section I (a conference held, a report sent, an instruction given)."""

    area = models.PositiveSmallIntegerField(_("reform area"), choices=ReformArea.choices)
    part = part_field()
    statement = models.TextField(_("statement"))
    number = models.DecimalField(_("number"), max_digits=18, decimal_places=3, null=True, blank=True)

    data_fields = ("area", "part", "statement", "number")

    class Meta(SectionRow.Meta):
        verbose_name = _("other activity")
        verbose_name_plural = _("other activities")
        constraints = [part_constraint("reform_activity_part")]

    def __str__(self) -> str:
        return self.statement[:80]


class NarrativeKind(models.TextChoices):
    POSITIVES = "positives", _("Assessment: positive results")
    SHORTCOMINGS = "shortcomings", _("Assessment: shortcomings and causes")
    NEXT_TASKS = "next_tasks", _("Tasks for the next quarter")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


class NarrativeSection(SectionRow):
    """Free text the officer writes for sections II-IV; one paragraph or list item a line."""

    kind = models.CharField(_("part"), max_length=32, choices=NarrativeKind.choices)
    text = models.TextField(_("text"))

    data_fields = ("kind", "text")

    class Meta(SectionRow.Meta):
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        constraints = [models.UniqueConstraint(fields=["period", "kind"], name="reform_narrative_unique")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


# The sections of a period, in the order of the report; the key names the section in URLs, import and corrections.
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


class ReportSettings(models.Model):
    """How a unit's report is headed and signed (Decree 30/2020: issuer, place, recipients, signature)."""

    unit = models.OneToOneField(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="report_settings"
    )
    governing_body = models.CharField(_("governing body"), max_length=200, blank=True)
    issuer_name = models.CharField(_("issuer name"), max_length=200)
    symbol = models.CharField(_("document symbol"), max_length=50, default="BC-UBND")
    place = models.CharField(_("place"), max_length=100)
    signer_name = models.CharField(_("signer name"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer title"), max_length=150, blank=True)
    on_behalf = models.CharField(_("on behalf of"), max_length=150, blank=True, help_text=_("e.g. TM. ỦY BAN NHÂN DÂN"))
    recipients = models.TextField(_("recipients (Kính gửi)"), blank=True, help_text=_("one a line"))
    distribution = models.TextField(_("distribution (Nơi nhận)"), blank=True, help_text=_("one a line"))
    basis = models.TextField(_("basis sentence"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]
