"""The error pages are the project's Vietnamese ones: 403, 404, 405 and 500, with DEBUG off and on."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import override_settings
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as project_urls


def _boom(request):
    raise RuntimeError("boom")


def _forbidden(request):
    raise PermissionDenied


def _missing(request):
    raise Http404("no such dossier")


@require_POST
def _post_only(request):
    return HttpResponse("done")


urlpatterns = [
    path("test-errors/boom/", _boom),
    path("test-errors/forbidden/", _forbidden),
    path("test-errors/missing/", _missing),
    path("test-errors/post-only/", _post_only),
    *project_urls,
]
handler500 = "cchc.lib.middleware.server_error"

pytestmark = [pytest.mark.urls(__name__)]


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/test-errors/forbidden/", 403, "Không có quyền truy cập"),
        ("/test-errors/missing/", 404, "Không tìm thấy trang"),
        ("/no-such-address/at-all/", 404, "Không tìm thấy trang"),
        ("/test-errors/post-only/", 405, "Không thực hiện được thao tác này tại đây"),
        ("/test-errors/boom/", 500, "Lỗi máy chủ"),
    ],
)
def test_error_pages_are_vietnamese(client, db, settings, debug, url, status, heading, caplog):
    settings.DEBUG = debug
    with override_settings(DEBUG=debug):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="vi"' in html and heading in html, html[:500]
    assert "Traceback" not in html and "DEBUG = True" not in html
    if status == 405:
        assert response["Allow"] == "POST"
    if status == 500:  # the traceback is in the log, not on the page
        assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_a_developer_may_keep_djangos_pages(client, db, settings):
    settings.DEBUG = True
    settings.CCHC_TECHNICAL_ERROR_PAGES = True
    assert "DEBUG = True" in client.get("/no-such-address/at-all/").content.decode()


def test_the_favicon_is_served(client, db):
    assert client.get(reverse("favicon")).status_code in (200, 301, 302)
