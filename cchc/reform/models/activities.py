"""The report's sections of activities: directive documents, trainings, legal-document reviews, dissemination,
staffing, e-government, procedure reviews, other activities and the officer's own text."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .base import (
    AreaPartMixin,
    ReformArea,
    SectionRow,
    part_constraint,
    part_field,
    share_pct,
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
DOCUMENT_TYPE_NAMES_VI: dict[str, str] = {
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
        return share_pct(Decimal(self.simplified), Decimal(self.proposed))


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
