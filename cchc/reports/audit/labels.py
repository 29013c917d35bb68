"""What each kind of audit finding is called, for the command's output and the audit page's table."""

from django.utils.translation import gettext_lazy

from .checks import LATE_COUNT, PARTS_TOTAL, PERCENTAGE, TOTAL

KIND_LABELS = {
    PERCENTAGE: gettext_lazy("percentage"),
    TOTAL: gettext_lazy("total"),
    PARTS_TOTAL: gettext_lazy("total of the listed parts"),
    LATE_COUNT: gettext_lazy("count of late dossiers"),
}
