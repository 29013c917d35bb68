"""Who may open each named URL of the staff site: one table, checked by a test that fails on a missing name.

The table documents the rule; the views enforce it with the decorators below and the access helpers of
cchc.accounts.access (a dossier outside the user's units is a 404, a dossier the user only reads is a 403 on
writes).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from cchc.accounts import access
from cchc.accounts.models import Role

PUBLIC = "public"  # no log-in (the log-in page itself, the language switch)
STAFF = "staff"  # any logged-in member of staff
DESK_OFFICER = "desk_officer"  # a desk officer of at least one unit
VIEWER = "viewer"  # the dossier is among access.dossiers_visible_to(user), else 404
HANDLER = "handler"  # the user holds an action role for the dossier (access.roles_for), else 403
UNIT_READER = "unit_reader"  # the unit is among access.units_for_figures(user)
SUPERUSER = "superuser"  # Django admin
REFORM = "reform"  # the reform report pages: leaders and reform officers, checked by cchc.reform's own access rules
OVERSIGHT = "oversight"  # a leader or reform officer of the unit or of a unit above it (else 403 or 404)
# A feedback (phản ánh, kiến nghị) of a unit among access.units_for_figures(user), else 404; its sender's contacts
# and its answer form only for the members of the unit it was sent to (cchc.feedback.petitions.can_answer), else 403.
FEEDBACK_READER = "feedback_reader"
LEADER = "leader"  # a leader of at least one unit (which unit is checked by the view)

URL_PERMISSIONS: dict[str, str] = {
    "login": PUBLIC,
    "logout": STAFF,
    "password_change": STAFF,
    "password_change_done": STAFF,
    "set_language": PUBLIC,
    "favicon": PUBLIC,  # /favicon.ico, a redirect to the static icon
    # The probes: no log-in, rate limit or lock-out; they show no data (cchc.ops.health).
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    # The public portal (cchc.portal): no log-in; each page shows only what its visitor may see (a dossier's
    # tracking page needs its code and tracking secret or the applicant's phone number).
    "portal:*": PUBLIC,
    # A unit's public live board (/bang-tin/<unit code>/): counts and rates only, nothing personal.
    "portal:board": PUBLIC,
    "old_staff_address": PUBLIC,
    "admin:*": SUPERUSER,
    "reform:*": REFORM,
    "web:worklist": STAFF,
    "web:landing": STAFF,
    "web:receive": DESK_OFFICER,
    "web:receive_procedures": DESK_OFFICER,
    "web:receive_components": DESK_OFFICER,
    "web:receive_guidance": DESK_OFFICER,
    # A guidance slip carries the applicant's data: for the desk officers of its unit only (else 404).
    "web:print_guidance": DESK_OFFICER,
    "web:receipt": HANDLER,
    "web:print_supplement_request": HANDLER,
    "web:print_refusal": HANDLER,
    "web:print_apology": HANDLER,
    "web:print_control_sheet": HANDLER,
    "web:print_stop_notice": HANDLER,
    "web:dossier_detail": VIEWER,
    "web:dossier_action": HANDLER,
    "web:dossier_upload": HANDLER,
    "web:document": HANDLER,
    "web:search": STAFF,
    "web:tracking_book": UNIT_READER,
    "web:tracking_book_print": UNIT_READER,
    "web:tracking_book_csv": UNIT_READER,
    # The desk's evaluation tablet: the officer's desk units' dossiers only (cchc.web.views_evaluation).
    "web:kiosk": DESK_OFFICER,
    "web:kiosk_thanks": DESK_OFFICER,
    "web:feedback_list": STAFF,
    "web:feedback_detail": FEEDBACK_READER,
    "reports:report": UNIT_READER,
    "reports:download": UNIT_READER,
    "reports:figure_dossiers": UNIT_READER,
    # The satisfaction tables name officers: leaders and reform officers only (cchc.reports.satisfaction).
    "reports:satisfaction": OVERSIGHT,
    # The service index of Decision 766 (cchc.serviceindex): leaders and reform officers, as the satisfaction tables.
    "serviceindex:index": OVERSIGHT,
    "serviceindex:xlsx": OVERSIGHT,
    # Officers' work names officers: as the satisfaction tables (cchc.reports.officers).
    "reports:officers": OVERSIGHT,
    # Queue numbers (cchc.queueing): the kiosk, its printed ticket and the hall display are public and show
    # numbers, groups and counters only; the counter's buttons for the unit's desk officers; the statistics
    # for its leaders (checked by cchc.queueing.views_staff).
    "queueing:kiosk": PUBLIC,
    "queueing:ticket": PUBLIC,
    "queueing:display": PUBLIC,
    "queueing:display_state": PUBLIC,
    "queueing_staff:counter": DESK_OFFICER,
    "queueing_staff:counter_action": DESK_OFFICER,
    "queueing_staff:statistics": LEADER,
}


def permission_for(url_name: str) -> str | None:
    """The permission of a URL name; a namespace wildcard ("admin:*") covers every name in it."""
    if url_name in URL_PERMISSIONS:
        return URL_PERMISSIONS[url_name]
    namespace, _, _name = url_name.rpartition(":")
    return URL_PERMISSIONS.get(f"{namespace}:*") if namespace else None


def staff_required(view):
    """Logged in and active: every staff page."""
    return login_required(view)


def desk_officer_required(view):
    """Logged in and a desk officer somewhere (which desk is checked by the form and the service)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.user_units(request.user, roles=[Role.DESK_OFFICER]).exists():
            raise PermissionDenied("Only desk officers receive dossiers.")
        return view(request, *args, **kwargs)

    return wrapped
