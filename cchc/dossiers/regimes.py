"""The one-stop rules in force, chosen by a dossier's receipt date (effective-dated, never "current rules").

Before 21/06/2018: no one-stop decree of this system's (dossiers of that time are only imported, with the dates
they came with). 2018 regime: Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP, from 21/06/2018 until the day
before settings.CCHC_REGIME_2025_FROM. 2025 regime: Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP from that
day. Every rule that differs between them is a field of `RegimeRules`: services, forms and figures ask the rules
of the dossier's regime and never read the settings themselves. Rules the law does not settle (UNVERIFIED in
domain.md §2.3, §2.5, §2.6, §11) come from the settings named beside each field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import TypedDict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.lib.times import parse_hhmm

from .models import Regime

StrOrPromise = str | Promise

# Decree 61/2018/NĐ-CP took effect on 21 June 2018 (its Art. 39).
DECREE_61_FROM = dt.date(2018, 6, 21)


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
    label: StrOrPromise  # English msgid, translated for the interface


@dataclass(frozen=True)
class RegimeRules:
    """The per-regime rules the services, forms and figures use."""

    regime: str
    decree: str
    circular: str
    # Decree 61/2018 Art. 19(4): the time limit restarts from zero once the supplemented dossier is complete.
    # 2025: settings.CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK.
    supplement_restarts_clock: bool
    # Decree 61/2018 Art. 19(4): the notice to supplement goes out within 3 working days from receipt.
    # 2025: settings.CCHC_2025_SUPPLEMENT_WINDOW_WORKING_DAYS. None: no window.
    supplement_window_working_days: Decimal | None
    # How many supplement requests one dossier may get: the applicant is told everything missing "in one go"
    # (Decree 61/2018 Art. 15, 17, 19(4)); settings.CCHC_SUPPLEMENT_REQUESTS_MAX where a province allows more.
    supplement_requests_max: int
    # Waiting for fees pauses the clock (practice, UNVERIFIED as law): settings.CCHC_FEE_WAIT_PAUSES_CLOCK.
    fee_wait_pauses_clock: bool
    # Paper dossiers received at or after this local time start the clock on the next working day
    # (Decree 61/2018 Art. 18(2)); settings.CCHC_DEFAULT_PAPER_CUTOFF, a procedure may set its own.
    default_paper_cutoff: dt.time
    # Decree 61/2018 Art. 19(9): the apology goes out no later than 1 day before the deadline. Whether a letter
    # after that may still be recorded is settings.CCHC_APOLOGY_LATE_ALLOWED (off by default).
    apology_days_before_deadline: int
    apology_late_allowed: bool
    # Whether the desk can receive new dossiers under this regime (the pre-2018 one only comes by import).
    receives: bool = True
    # Whether a desk may receive a dossier another unit of its province is competent for (2025: "regardless of
    # administrative boundary", domain.md §8; settings.CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY).
    receipt_regardless_of_boundary: bool = False
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
    if day < DECREE_61_FROM:
        return Regime.PRE2018
    return Regime.R2025 if day >= regime_2025_from() else Regime.R2018


def _window(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


class _CommonRules(TypedDict):
    """The rules that are the same in every regime (for now), from the settings."""

    supplement_requests_max: int
    fee_wait_pauses_clock: bool
    default_paper_cutoff: dt.time
    apology_days_before_deadline: int
    apology_late_allowed: bool


def rules_for(regime: str | Regime) -> RegimeRules:
    """The rules of `regime` ("pre2018", "2018" or "2025"), with the settings as they are now."""
    common = _CommonRules(
        supplement_requests_max=int(settings.CCHC_SUPPLEMENT_REQUESTS_MAX),
        fee_wait_pauses_clock=bool(settings.CCHC_FEE_WAIT_PAUSES_CLOCK),
        default_paper_cutoff=parse_hhmm(settings.CCHC_DEFAULT_PAPER_CUTOFF),
        apology_days_before_deadline=1,
        apology_late_allowed=bool(settings.CCHC_APOLOGY_LATE_ALLOWED),
    )
    regime = Regime(regime)
    if regime == Regime.PRE2018:
        # Decision 09/2015/QĐ-TTg's one-stop: no dossier is received here under it; imported rows keep their dates.
        return RegimeRules(
            regime=Regime.PRE2018,
            decree="09/2015/QĐ-TTg",
            circular="",
            supplement_restarts_clock=True,
            supplement_window_working_days=None,
            receives=False,
            forms=MappingProxyType({}),
            **common,
        )
    if regime == Regime.R2018:
        return RegimeRules(
            regime=Regime.R2018,
            decree="61/2018/NĐ-CP",
            circular="01/2018/TT-VPCP",
            supplement_restarts_clock=True,
            supplement_window_working_days=Decimal(3),
            forms=FORMS_2018,
            **common,
        )
    return RegimeRules(
        regime=Regime.R2025,
        decree="118/2025/NĐ-CP",
        circular="03/2025/TT-VPCP",
        supplement_restarts_clock=bool(settings.CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK),
        supplement_window_working_days=_window(settings.CCHC_2025_SUPPLEMENT_WINDOW_WORKING_DAYS),
        receipt_regardless_of_boundary=bool(settings.CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY),
        forms=FORMS_2025,
        **common,
    )
