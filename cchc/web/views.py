"""Staff pages: placeholder until the staff-pages work lands."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    return HttpResponse("CCHC")


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return HttpResponse(code)
