"""The applicant's satisfaction evaluation of a dossier: once per dossier, after its result, anonymous.

Decree 61/2018 Art. 27 (protect the identity of respondents): no user is stored with an evaluation, not even the
desk officer whose tablet took it. Art. 29: the forms come from the desk's device (the kiosk), the online
one-stop system (the portal), paper forms (entered later) and imports. The criteria are those of Art. 31(1) the
applicant answers; Circular 01/2018 Art. 14 takes indices 3, 4 and 7 from them (cchc.feedback.evaluations_selectors
scores them).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Agencies, Contacts, Evaluation, EvaluationChannel, Satisfaction

if TYPE_CHECKING:
    from cchc.dossiers.models import Dossier

# The statuses in which the applicant has a result to judge (a written refusal is a result too: Decree 61/2018
# Art. 31(1)(e) asks about the lawfulness of the result, and Circular 01/2018 Art. 12(2) hands the form out with
# the refusal).
EVALUABLE = ("result_issued", "refused", "delivered")
# A comment longer than this is refused (a page of text; the form says so before sending).
COMMENT_MAX = 2000


def can_be_evaluated(dossier: Dossier) -> bool:
    """The dossier has its result (or its written refusal) and no evaluation yet."""
    return dossier.status in EVALUABLE and not Evaluation.objects.filter(dossier_id=dossier.pk).exists()


def already_evaluated(dossier: Dossier) -> bool:
    return Evaluation.objects.filter(dossier_id=dossier.pk).exists()


@transaction.atomic
def evaluation_submit(
    *,
    dossier: Dossier,
    satisfaction: str,
    submitted_at: dt.datetime | None = None,
    comment: str = "",
    channel: str = EvaluationChannel.PAPER,
    timeliness: str = "",
    contacts: int | None = None,
    agencies: int | None = None,
    information: str = "",
    attitude: str = "",
    extra_costs: bool | None = None,
    online_quality: str = "",
) -> Evaluation:
    """Record the one evaluation of `dossier` (the desk's tablet, the portal or a paper form). Anonymous.

    Refused (ValidationError, nothing written) before the dossier has a result, for a second evaluation, for an
    unknown answer, and for the online-service criterion on a dossier not submitted online. The dossier row is
    locked first, so of two simultaneous submissions the second waits and is then refused.
    """
    from cchc.dossiers.models import Channel, Dossier

    locked = Dossier.objects.select_for_update(of=("self",)).only("pk", "status", "channel", "received_at")
    current = locked.get(pk=dossier.pk)
    if current.status not in EVALUABLE:
        raise ValidationError(
            _("Dossier %(code)s has no result yet: it can be evaluated once its result is issued.")
            % {"code": dossier.code}
        )
    if Evaluation.objects.filter(dossier_id=current.pk).exists():
        raise ValidationError(
            _("Dossier %(code)s was already evaluated: each dossier is evaluated once.") % {"code": dossier.code}
        )
    answers = {"timeliness": timeliness, "information": information, "attitude": attitude}
    answers["online_quality"] = online_quality
    for value in (satisfaction, *answers.values()):
        if value and value not in Satisfaction.values:
            raise ValidationError(_("Unknown satisfaction level: %(value)s.") % {"value": value})
    if not satisfaction:
        raise ValidationError(_("Choose how satisfied you are overall."))
    if contacts is not None and contacts not in Contacts.values:
        raise ValidationError(_("Unknown answer for the contacts with the desk: %(value)s.") % {"value": contacts})
    if agencies is not None and agencies not in Agencies.values:
        raise ValidationError(_("Unknown answer for the agencies contacted: %(value)s.") % {"value": agencies})
    if len(comment or "") > COMMENT_MAX:
        raise ValidationError(_("The comment is too long: at most %(max)s characters.") % {"max": COMMENT_MAX})
    if channel not in EvaluationChannel.values:
        raise ValidationError(_("Unknown evaluation channel: %(value)s.") % {"value": channel})
    if online_quality and current.channel != Channel.ONLINE:
        raise ValidationError(_("The online service is evaluated only for a dossier submitted online."))
    submitted_at = submitted_at or timezone.now()
    if submitted_at < current.received_at:
        raise ValidationError(_("A dossier cannot be evaluated before it was received."))
    return Evaluation.objects.create(
        dossier_id=current.pk,
        satisfaction=satisfaction,
        submitted_at=submitted_at,
        comment=(comment or "").strip(),
        channel=channel,
        contacts=contacts,
        agencies=agencies,
        extra_costs=extra_costs,
        **answers,
    )
