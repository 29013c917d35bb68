"""The notices' texts: an e-mail (subject and body) and a short SMS for each kind of event, in Vietnamese.

Written in English in the code and translated like the rest of the interface (locale/vi), but always composed in
settings.LANGUAGE_CODE (Vietnamese), whatever language the officer whose action sends them reads. They name the
dossier, its procedure, the desk and what happened, with the tracking link; never an officer's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import pgettext

from .models import NoticeKind

if TYPE_CHECKING:
    from cchc.dossiers.models import Dossier, DossierEvent
    from cchc.feedback.models import Feedback


def _(message: str) -> str:
    """The notices' texts carry the translation context "notice" (locale/vi), apart from the interface's."""
    return pgettext("notice", message)


# The portal's address when CCHC_PORTAL_URL is empty (development; check cchc.W202 warns in production).
DEVELOPMENT_PORTAL_URL = "http://127.0.0.1:8000"
# Beyond this many characters an SMS lists no items (the e-mail and the tracking page have them all): a Unicode
# SMS (Vietnamese with its diacritics) carries 70 characters, 67 per part when split (docs/decisions/0017).
SMS_LIST_LIMIT = 320


@dataclass(frozen=True)
class Text:
    subject: str
    body: str
    sms: str


def portal_url() -> str:
    return (getattr(settings, "CCHC_PORTAL_URL", "") or DEVELOPMENT_PORTAL_URL).rstrip("/")


def tracking_link(dossier: Dossier) -> str:
    """`<portal>/tra-cuu/?ma=CODE&bi-mat=SECRET` (without the secret for a dossier that has none: the page then
    asks for the applicant's phone number)."""
    query = {"ma": dossier.code}
    if dossier.tracking_secret:
        query["bi-mat"] = dossier.tracking_secret
    return f"{portal_url()}{reverse('portal:tracking')}?{urlencode(query)}"


def feedback_link(feedback: Feedback) -> str:
    """The feedback's public page `<portal>/phan-anh/<reference>/` (the list `/phan-anh/` without a reference)."""
    if feedback.code:
        try:
            return portal_url() + reverse("portal:feedback_detail", args=[feedback.code])
        except NoReverseMatch:
            return f"{portal_url()}{reverse('portal:feedback')}{feedback.code}/"
    return portal_url() + reverse("portal:feedback")


def when(value: dt.datetime | str | None) -> str:
    """A moment in local time as the notices write it: "09:00 06/07/2023"."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _sms_list(items: list[str]) -> str:
    return "; ".join(items)


def _reasons(event: DossierEvent) -> list[str]:
    data = event.data or {}
    reasons = data.get("reasons")
    if isinstance(reasons, list) and reasons:
        return [str(r) for r in reasons if str(r).strip()]
    reason = data.get("reason") or event.note
    return [str(reason)] if reason and str(reason).strip() else []


def _result_downloadable(dossier: Dossier) -> bool:
    from cchc.dossiers.models import DocumentKind
    from cchc.procedures.models import OnlineService

    return (
        dossier.online_service == OnlineService.FULL
        and dossier.documents.filter(kind=DocumentKind.RESULT).exclude(file="").exists()
    )


def _compose_dossier(kind: str, dossier: Dossier, event: DossierEvent) -> Text:
    code, procedure, unit = dossier.code, dossier.procedure.name, dossier.desk.name
    link = tracking_link(dossier)
    data: dict[str, Any] = event.data or {}
    ctx = {"code": code, "procedure": procedure, "unit": unit, "link": link}
    paragraphs: list[str] = []
    sms = ""
    if kind == NoticeKind.RECEIVED:
        what = _("received")
        paragraphs.append(
            _("Your dossier %(code)s (%(procedure)s) was received by %(unit)s at %(at)s.")
            % {**ctx, "at": when(event.at)}
        )
        due = when(dossier.due_at)
        if due:
            paragraphs.append(_("The result is due at %(due)s.") % {"due": due})
            sms = _("Dossier %(code)s was received; result due %(due)s. Track it: %(link)s") % {**ctx, "due": due}
        else:
            paragraphs.append(_("This procedure has no time limit set by law."))
            sms = _("Dossier %(code)s was received. Track it: %(link)s") % ctx
        bring = [str(name) for name in data.get("bring_to_desk") or []]
        if bring:
            paragraphs.append(
                _("Please bring the originals of these documents to the one-stop desk of %(unit)s:") % ctx
                + "\n"
                + _lines(bring)
            )
            sms = _("Dossier %(code)s was received; bring the originals to the desk. Track it: %(link)s") % ctx
    elif kind == NoticeKind.SUPPLEMENT_REQUESTED:
        what = _("supplement requested")
        items = [str(item) for item in data.get("items") or [] if str(item).strip()]
        reason = str(data.get("reason") or event.note or "").strip()
        paragraphs.append(_("Your dossier %(code)s (%(procedure)s) must be supplemented.") % ctx)
        if reason:
            paragraphs.append(_("Reason: %(reason)s") % {"reason": reason})
        if items:
            paragraphs.append(_("The complete list of what is missing:") + "\n" + _lines(items))
        paragraphs.append(
            _(
                "Send the documents on the tracking page or bring them to the one-stop desk of %(unit)s. Processing "
                "waits until the supplement is received; the new appointment is then shown on the tracking page."
            )
            % ctx
        )
        sms = _("Dossier %(code)s must be supplemented: %(items)s. Track it: %(link)s") % {
            **ctx,
            "items": _sms_list(items or ([reason] if reason else [])),
        }
        if len(sms) > SMS_LIST_LIMIT:
            sms = _("Dossier %(code)s must be supplemented (the list is on the tracking page): %(link)s") % ctx
    elif kind == NoticeKind.RESULT_READY:
        what = _("result ready")
        paragraphs.append(_("The result of your dossier %(code)s (%(procedure)s) is ready.") % ctx)
        if _result_downloadable(dossier):
            paragraphs.append(_("Download it from the tracking page."))
            sms = _("The result of dossier %(code)s is ready; download it: %(link)s") % ctx
        else:
            paragraphs.append(
                _("Collect it at the one-stop desk of %(unit)s with your receipt or this dossier code.") % ctx
            )
            sms = _("The result of dossier %(code)s is ready at the desk of %(unit)s. Track it: %(link)s") % ctx
    elif kind == NoticeKind.REFUSED:
        what = _("refused")
        reasons = _reasons(event)
        paragraphs.append(_("Your dossier %(code)s (%(procedure)s) was refused, for these reasons:") % ctx)
        paragraphs.append(_lines(reasons))
        paragraphs.append(_("The written refusal can be collected at the one-stop desk of %(unit)s.") % ctx)
        sms = _("Dossier %(code)s was refused: %(reasons)s. Track it: %(link)s") % {
            **ctx,
            "reasons": _sms_list(reasons),
        }
        if len(sms) > SMS_LIST_LIMIT:
            sms = _("Dossier %(code)s was refused (the reasons are on the tracking page): %(link)s") % ctx
    elif kind == NoticeKind.RETURNED:
        what = _("returned")
        reasons = _reasons(event)
        paragraphs.append(_("Your dossier %(code)s (%(procedure)s) was returned without being processed.") % ctx)
        if reasons:
            paragraphs.append(_("Reason: %(reason)s") % {"reason": "; ".join(reasons)})
        sms = _("Dossier %(code)s was returned unprocessed: %(reason)s. Track it: %(link)s") % {
            **ctx,
            "reason": "; ".join(reasons),
        }
        if len(sms) > SMS_LIST_LIMIT:
            sms = _("Dossier %(code)s was returned unprocessed (the reason is on the tracking page): %(link)s") % ctx
    elif kind == NoticeKind.APOLOGY:
        what = _("new appointment")
        new = when(data.get("new_due_at"))
        old = when(data.get("due_at"))
        paragraphs.append(
            _(
                "We apologise: your dossier %(code)s (%(procedure)s) will not be resolved by its appointment "
                "(%(old)s). The new appointment is %(new)s."
            )
            % {**ctx, "old": old, "new": new}
        )
        reason = str(data.get("reason") or event.note or "").strip()
        if reason:
            paragraphs.append(_("Reason: %(reason)s") % {"reason": reason})
        sms = _("We apologise: dossier %(code)s is late; the new appointment is %(new)s. Track it: %(link)s") % {
            **ctx,
            "new": new,
        }
    else:
        raise ValueError(f"no text for the notice kind {kind!r}")
    paragraphs.append(_("Dossier code: %(code)s\nProcedure: %(procedure)s\nTrack your dossier: %(link)s") % ctx)
    paragraphs.append(_("One-stop desk of %(unit)s. This message is sent automatically; do not reply to it.") % ctx)
    subject = _("Dossier %(code)s: %(what)s") % {"code": code, "what": what}
    return Text(subject=subject, body="\n\n".join(paragraphs), sms=sms)


def for_event(kind: str, dossier: Dossier, event: DossierEvent) -> Text:
    """The texts of a notice of `kind` about `event` of `dossier`, in the interface's first language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _compose_dossier(kind, dossier, event)


def for_feedback_answer(feedback: Feedback) -> Text:
    """The texts telling a feedback's sender that the unit answered (the answer itself in the e-mail)."""
    with translation.override(settings.LANGUAGE_CODE):
        reference = feedback.code or when(feedback.received_at)
        ctx = {"ref": reference, "unit": feedback.unit.name, "link": feedback_link(feedback)}
        paragraphs = [
            _("Your feedback %(ref)s sent to %(unit)s on %(date)s was answered.")
            % {**ctx, "date": when(feedback.received_at)}
        ]
        if feedback.subject:
            paragraphs.append(_("Subject: %(subject)s") % {"subject": feedback.subject})
        paragraphs.append(_("Answer:") + "\n" + feedback.answer)
        paragraphs.append(_("See it on the portal: %(link)s") % ctx)
        paragraphs.append(_("%(unit)s. This message is sent automatically; do not reply to it.") % ctx)
        return Text(
            subject=_("Feedback %(ref)s: answered") % ctx,
            body="\n\n".join(paragraphs),
            sms=_("Your feedback %(ref)s was answered by %(unit)s: %(link)s") % ctx,
        )
