"""The report data's file pages: import a section's rows from a CSV or XLSX file, and audit a hand-written report.

Both run the very code of their commands (`cchc import-reform`: cchc.reform.importer.import_file; `cchc
audit-report`: cchc.reports.audit.audit_report) on the uploaded file, written to a temporary folder under the
name it was sent with and the suffix its content shows (never the one it claims). The import is all or nothing:
every bad cell is listed with its row and column and nothing is written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from docx.opc.exceptions import PackageNotFoundError

from cchc.accounts.models import Membership
from cchc.accounts.services import FormTokenError, create_once
from cchc.lib.formatting import vn_int
from cchc.lib.uploads import DOCX, MB, XLSX, detect_type, display_name, file_size, is_text
from cchc.reports.audit import audit_report
from cchc.reports.audit.labels import KIND_LABELS
from cchc.web.forms import ALREADY_SENT, OneTimeTokenForm
from cchc.web.http import acting_user

from .access import SUBMIT_ROLES, units_editable
from .importer import ImportResult, columns_for, import_file
from .models import SECTION_MODELS


def upload_max_mb() -> int:
    """The largest file these pages take: the staff's upload limit (a scanned document's), at most the import's."""
    return min(settings.CCHC_UPLOAD_MAX_MB, settings.CCHC_IMPORT_MAX_MB)


def _checked_upload(upload, *, office_type, text_suffix: str, refused: str) -> str:
    """The suffix the content shows (`office_type`'s, or `text_suffix` for UTF-8 text); ValidationError otherwise."""
    size = file_size(upload)
    if size == 0:
        raise forms.ValidationError(_("The file is empty."))
    if size > upload_max_mb() * MB:
        raise forms.ValidationError(_("The file is larger than %(max)s MB.") % {"max": upload_max_mb()})
    kind = detect_type(upload)
    if kind == office_type:
        return office_type.extension
    if kind is None and is_text(upload):
        return text_suffix
    raise forms.ValidationError(refused)


class _UploadForm(forms.Form):
    office_type = XLSX
    text_suffix = ".csv"
    refused = gettext_lazy(
        "The file is neither a CSV table (UTF-8 text) nor an XLSX workbook (its content was checked)."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.suffix = _checked_upload(
            upload, office_type=self.office_type, text_suffix=self.text_suffix, refused=str(self.refused)
        )
        return upload

    def saved(self, folder: str) -> Path:
        """The upload written into `folder` under its own name with the suffix its content shows."""
        upload = self.cleaned_data["file"]
        stem = Path(display_name(upload.name, "file")).stem or "file"
        path = Path(folder) / f"{stem[:100]}{self.suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return path


class ImportForm(_UploadForm):
    kind = forms.ChoiceField(label=gettext_lazy("Section"))
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Replace the section's rows of each quarter the file names"),
        required=False,
        help_text=gettext_lazy("For loading a corrected file again; refused for a submitted quarter."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (kind, str(model._meta.verbose_name_plural).capitalize()) for kind, model in SECTION_MODELS.items()
        ]
        self.fields["file"].help_text = _(
            "CSV (UTF-8) or XLSX (first sheet), at most %(max)s MB; the columns are in docs/report-data-format.md."
        ) % {"max": upload_max_mb()}


class AuditForm(_UploadForm):
    office_type = DOCX
    text_suffix = ".txt"
    refused = gettext_lazy("The file is neither a DOCX document nor plain UTF-8 text (its content was checked).")
    file = forms.FileField(
        label=gettext_lazy("The hand-written report"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt,text/plain"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("DOCX or plain text (.txt, UTF-8), at most %(max)s MB.") % {
            "max": upload_max_mb()
        }


class _Refused(Exception):
    """The import found errors: nothing was written (raised out of create_once so its token stays unused)."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__()
        self.result = result


def _import_message(result: ImportResult) -> str:
    """The command's own summary line, with the section's name."""
    kind = str(SECTION_MODELS[result.kind]._meta.verbose_name_plural)
    message = _("%(count)d %(kind)s row(s) imported") % {"count": result.created, "kind": kind}
    if result.replaced:
        message += ", " + _("%(count)d replaced") % {"count": result.replaced}
    return message


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a section's CSV or XLSX file; every row is checked and either all are written or none."""
    if not units_editable(request.user).exists():
        raise PermissionDenied(_("You may not change the report data of any unit."))
    form = ImportForm(request.POST or None, request.FILES or None)
    once = OneTimeTokenForm(request.POST or None)
    result: ImportResult | None = None
    if request.method == "POST":
        earlier = once.earlier_result(request.user, form)
        if earlier:  # the same form sent again: the first post imported it
            messages.info(request, ALREADY_SENT)
            return redirect(earlier)
    if request.method == "POST" and form.is_valid():
        done: list[ImportResult] = []

        def run() -> str:
            with tempfile.TemporaryDirectory(prefix="cchc-import-") as folder:
                outcome = import_file(
                    form.cleaned_data["kind"],
                    form.saved(folder),
                    by=acting_user(request),
                    replace=form.cleaned_data["replace"],
                )
            if not outcome.ok:
                raise _Refused(outcome)
            done.append(outcome)
            return reverse("reform:import")

        try:
            url, created = create_once(by=acting_user(request), token=once.token, create=run)
        except _Refused as exc:
            result = exc.result
        except FormTokenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _import_message(done[0]) if created and done else ALREADY_SENT)
            return redirect(url)
    kind = form["kind"].value() or next(iter(SECTION_MODELS))
    context = {
        "form": form,
        "once": once,
        "result": result,
        # The command's own line: "12 lỗi; không có dữ liệu nào được nhập".
        "summary": _("%(count)d error(s); nothing was imported") % {"count": len(result.errors)} if result else "",
        "columns": columns_for(kind) if kind in SECTION_MODELS else [],
        "kinds": [(k, model._meta.verbose_name_plural, columns_for(k)) for k, model in SECTION_MODELS.items()],
    }
    status = 400 if result is not None else 200
    return render(request, "reform/import.html", context, status=status)


def may_audit(user) -> bool:
    """Leaders and reform officers (of any unit) audit reports."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__in=list(SUBMIT_ROLES)).exists()


@login_required
@require_http_methods(["GET", "POST"])
def audit_upload(request: HttpRequest) -> HttpResponse:
    """Upload a hand-written report (.docx or .txt) and read the sums and percentages that do not add up."""
    if not may_audit(request.user):
        raise PermissionDenied(_("Only leaders and reform officers audit reports."))
    form = AuditForm(request.POST or None, request.FILES or None)
    findings = None
    unit = ""
    if request.method == "POST" and form.is_valid():
        try:
            with tempfile.TemporaryDirectory(prefix="cchc-audit-") as folder:
                findings, unit = audit_report(form.saved(folder))
        except (PackageNotFoundError, KeyError, ValueError):  # UnsupportedReport and UnicodeDecodeError among them
            name = display_name(form.cleaned_data["file"].name)
            form.add_error("file", _("The report cannot be read: %(path)s") % {"path": name})
    rows = [
        {
            "line": vn_int(f.line),
            "kind": KIND_LABELS.get(f.kind, f.kind),
            "text": f.text,
            "stated": f.stated,
            "expected": f.expected,
        }
        for f in findings or []
    ]
    context = {
        "form": form,
        "findings": findings,
        "rows": rows,
        "place": _("Line") if unit == "line" else _("Paragraph"),
        "name": display_name(form.cleaned_data["file"].name) if findings is not None else "",
        "summary": _("%(count)s figure(s) do not add up.") % {"count": vn_int(len(rows))},
    }
    return render(request, "reform/audit.html", context, status=400 if form.errors else 200)
