"""The one-stop rules in force, chosen by a dossier's receipt date (effective-dated, never "current rules").

2018 regime: Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP, until the day before
settings.CCHC_REGIME_2025_FROM. 2025 regime: Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP from that day.
Rules the law does not settle for 2025 come from settings (see domain.md §2.3, §2.5, §11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Regime


class FormKind:
    """The desk forms by what they are; their numbers differ between regimes (domain.md §2.5)."""

    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    CONTROL_SHEET = "control_sheet"
    TRACKING_BOOK = "tracking_book"
    STOP_NOTICE = "stop_notice"


@dataclass(frozen=True)
class FormSpec:
    """One official form: its number in the regime's appendix and its official (Vietnamese) title."""

    number: str
    title: str
    label: str  # English msgid, translated for the interface


@dataclass(frozen=True)
class RegimeRules:
    """The per-regime rules the services and documents use."""

    regime: str
    decree: str
    circular: str
    # Decree 61/2018 Art. 19(4): the time limit restarts from zero once the supplemented dossier is complete.
    supplement_restarts_clock: bool
    # Paper dossiers received at or after this local time start the clock on the next working day.
    default_paper_cutoff: dt.time
    forms: Mapping[str, FormSpec] = field(default_factory=dict)

    def form(self, kind: str) -> FormSpec | None:
        """The form of `kind` under this regime, or None when the regime has no such form."""
        return self.forms.get(kind)

    def form_number(self, kind: str) -> str | None:
        spec = self.forms.get(kind)
        return spec.number if spec else None


FORMS_2018 = MappingProxyType(
    {
        FormKind.RECEIPT: FormSpec("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", _("Receipt and appointment")),
        FormKind.SUPPLEMENT_REQUEST: FormSpec(
            "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", _("Request to supplement the dossier")
        ),
        FormKind.REFUSAL: FormSpec("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", _("Refusal with reasons")),
        FormKind.APOLOGY: FormSpec("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", _("Apology and new appointment")),
        FormKind.CONTROL_SHEET: FormSpec(
            "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", _("Process control sheet")
        ),
        FormKind.TRACKING_BOOK: FormSpec("06", "Sổ theo dõi hồ sơ", _("Dossier tracking book")),
    }
)

# Circular 03/2025 Appendix I as listed by one secondary source (7 forms); the exact numbering is UNVERIFIED.
FORMS_2025 = MappingProxyType(
    {
        FormKind.RECEIPT: FormSpec("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", _("Receipt and appointment")),
        FormKind.SUPPLEMENT_REQUEST: FormSpec(
            "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", _("Request to supplement the dossier")
        ),
        FormKind.REFUSAL: FormSpec("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", _("Refusal with reasons")),
        FormKind.APOLOGY: FormSpec(
            "04",
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            _("Apology and request to extend the time limit"),
        ),
        FormKind.STOP_NOTICE: FormSpec("05", "Thông báo dừng giải quyết hồ sơ", _("Notice of stopping the procedure")),
        FormKind.CONTROL_SHEET: FormSpec(
            "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", _("Process control sheet")
        ),
        FormKind.TRACKING_BOOK: FormSpec("07", "Sổ theo dõi hồ sơ", _("Dossier tracking book")),
    }
)


def _parse_time(value: str | dt.time) -> dt.time:
    if isinstance(value, dt.time):
        return value
    hours, minutes = str(value).split(":")[:2]
    return dt.time(int(hours), int(minutes))


def regime_2025_from() -> dt.date:
    """The first day of the 2025 regime (settings.CCHC_REGIME_2025_FROM)."""
    value = settings.CCHC_REGIME_2025_FROM
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def regime_for(received_at: dt.datetime | dt.date) -> Regime:
    """The regime in force on the local date of `received_at`."""
    if isinstance(received_at, dt.datetime):
        day = received_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date() if received_at.tzinfo else received_at.date()
    else:
        day = received_at
    return Regime.R2025 if day >= regime_2025_from() else Regime.R2018


def rules_for(regime: str | Regime) -> RegimeRules:
    """The rules of `regime` ("2018" or "2025"), with the settings as they are now."""
    cutoff = _parse_time(settings.CCHC_DEFAULT_PAPER_CUTOFF)
    if Regime(regime) == Regime.R2018:
        return RegimeRules(
            regime=Regime.R2018,
            decree="61/2018/NĐ-CP",
            circular="01/2018/TT-VPCP",
            supplement_restarts_clock=True,
            default_paper_cutoff=cutoff,
            forms=FORMS_2018,
        )
    return RegimeRules(
        regime=Regime.R2025,
        decree="118/2025/NĐ-CP",
        circular="03/2025/TT-VPCP",
        supplement_restarts_clock=bool(settings.CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK),
        default_paper_cutoff=cutoff,
        forms=FORMS_2025,
    )


def rules_at(received_at: dt.datetime | dt.date) -> RegimeRules:
    """The rules in force for a dossier received at `received_at`."""
    return rules_for(regime_for(received_at))
