"""The tracking book (Sổ theo dõi hồ sơ, Mẫu 06): paged on screen, streamed whole for print and as CSV.

A desk receives thousands of dossiers a quarter (9,000 at a district at a million dossiers), so the screen shows
one page of PAGE_SIZE rows with page links, and the whole period is sent as it is read (`.iterator()` in batches of
BATCH, a StreamingHttpResponse): the print view, one A4-landscape document of every row, and the CSV download
(UTF-8 with a BOM, so that Excel opens the Vietnamese text; the book's Vietnamese column headings). Memory stays
one batch whatever the period. The cells of a row are one partial (`web/_tracking_book_row.html`) that the screen
and the print view both render; the CSV states the same columns as text. Personal data (applicant, address,
phone, who took the result) only for the dossiers the user handles, logged as shown, batch by batch.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cchc.accounts import access
from cchc.accounts.services import personal_data_viewed
from cchc.dossiers import selectors
from cchc.dossiers.models import Dossier
from cchc.exchange.tables import neutralized

from .forms import TrackingBookForm
from .http import acting_user, page_name
from .permissions import staff_required

PAGE_SIZE = 50
BATCH = 500
ROWS_MARK = "<!--tracking-book-rows-->"


def _handled(request: HttpRequest, dossiers: list[Dossier]) -> set[int]:
    """Of these dossiers, those whose personal data the user may see (the ones the user handles), logged as shown."""
    handled = set(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers])
        .filter(access.handled_q(request.user))
        .values_list("pk", flat=True)
    )
    personal_data_viewed(by=acting_user(request), dossiers=handled, page=page_name(request))
    return handled


def _form(request: HttpRequest) -> TrackingBookForm:
    return TrackingBookForm(request.GET, user=request.user)


def _bad_request(request: HttpRequest, form: TrackingBookForm) -> HttpResponse:
    return render(request, "web/tracking_book.html", {"form": form, "rows": [], "period": None}, status=400)


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@staff_required
@require_GET
def tracking_book(request: HttpRequest) -> HttpResponse:
    """One page of the book (PAGE_SIZE rows), numbered as in the whole book, with page links and the counts."""
    form = _form(request)
    context: dict[str, Any] = {"form": form, "rows": [], "period": None, "handled": set()}
    if form.is_valid():
        period = form.cleaned_data["parsed_period"]
        paginator = Paginator(selectors.tracking_book(form.cleaned_data["unit"], period), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        rows = list(page.object_list)
        context.update(
            period=period,
            page=page,
            rows=[(page.start_index() + i, d) for i, d in enumerate(rows)],
            handled=_handled(request, rows),
            page_range=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            query=_query(request),
        )
    # A period or date the form refused (out of range, not a period) is a bad request, shown with its message.
    return render(request, "web/tracking_book.html", context, status=400 if request.GET and form.errors else 200)


def _batches(request: HttpRequest, form: TrackingBookForm) -> Iterator[tuple[list[tuple[int, Dossier]], set[int]]]:
    """The whole period's rows, numbered, in batches read one after the other, each with its handled ids."""
    rows = selectors.tracking_book(form.cleaned_data["unit"], form.cleaned_data["parsed_period"]).iterator(
        chunk_size=BATCH
    )
    number = itertools.count(1)
    while batch := list(itertools.islice(rows, BATCH)):
        yield [(next(number), d) for d in batch], _handled(request, batch)


@staff_required
@require_GET
def tracking_book_print(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The whole period as one printable document, sent as its rows are read."""
    form = _form(request)
    if not form.is_valid():
        return _bad_request(request, form)
    context = {"form": form, "period": form.cleaned_data["parsed_period"], "rows_mark": ROWS_MARK}
    page = render_to_string("web/tracking_book_print.html", context, request=request)
    head, tail = page.split(ROWS_MARK, 1)

    def content() -> Iterator[str]:
        yield head
        empty = True
        # A streamed response is rendered after the view returns: the language and the time zone are set again.
        # The book is a Vietnamese document (the paper partial renders in "vi" too).
        with translation.override("vi"), timezone.override(timezone.get_current_timezone()):
            for rows, handled in _batches(request, form):
                empty = False
                yield render_to_string("web/_tracking_book_rows.html", {"rows": rows, "handled": handled})
            if empty:
                yield render_to_string("web/_tracking_book_rows.html", {"rows": [], "handled": set()})
        yield tail

    return StreamingHttpResponse(content(), content_type="text/html; charset=utf-8")


class _Echo:
    """A file-like object whose write returns the text (csv.writer writes one row at a time into the stream)."""

    def write(self, value: str) -> str:
        return value


def _local(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def csv_headings() -> list[str]:
    """The book's column headings (Mẫu 06), in Vietnamese whatever the user's language: the book is a Vietnamese
    document."""
    with translation.override("vi"):
        return [
            _("No."),
            _("Dossier code"),
            _("Procedure"),
            _("Applicant (organisation or individual)"),
            _("Address, phone"),
            _("Lead agency"),
            _("Date received"),
            _("Appointment date"),
            _("Date returned"),
            _("How the result was received"),
        ]


def csv_line(number: int, d: Dossier, handled: bool) -> list[str]:
    """The cells of one row, as the screen and the print view show them (web/_tracking_book_row.html), in the
    active language (the CSV's rows are written in Vietnamese)."""
    if d.delivered_at:
        method = {"postal": _("By post"), "online": _("Online")}.get(d.channel, _("At the desk"))
    elif d.outcome in ("withdrawn", "returned"):
        method = str(d.get_outcome_display())
    else:
        method = ""
    returned = d.delivered_at or (d.finished_at if d.finished_at and d.outcome != "resolved" else None)
    address = ", ".join(v for v in (d.applicant_address, d.applicant_phone) if v)
    return [
        str(number),
        d.code,
        d.procedure.name,
        d.applicant_name if handled else "—",
        address if handled else "—",
        d.processing_unit.name if d.processing_unit else "",
        _local(d.received_at),
        _local(d.due_at) if d.due_at else _("not set by law"),
        _local(returned),
        method,
    ]


def _csv_rows(request: HttpRequest, form: TrackingBookForm) -> Iterable[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(csv_headings())
    with translation.override("vi"), timezone.override(timezone.get_current_timezone()):
        for rows, handled in _batches(request, form):
            # Cells are neutralised against spreadsheet formulas (an applicant's name may start with "=").
            yield "".join(writer.writerow([neutralized(c) for c in csv_line(n, d, d.pk in handled)]) for n, d in rows)


@staff_required
@require_GET
def tracking_book_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The whole period as a CSV file (UTF-8 with BOM), sent as its rows are read."""
    form = _form(request)
    if not form.is_valid():
        return _bad_request(request, form)
    unit, period = form.cleaned_data["unit"], form.cleaned_data["parsed_period"]
    response = StreamingHttpResponse(_csv_rows(request, form), content_type="text/csv; charset=utf-8")
    filename = f"so-theo-doi-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
