"""Issue 7 item 9: `check --deploy` clean with production settings, a CSP without inline code, Vietnamese errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from cchc.lib.middleware import server_error

from .production import LONG_KEY, production_env, run, run_cchc

PRODUCTION = {"SECRET_KEY": LONG_KEY, "ALLOWED_HOSTS": "motcua.quangtri.gov.vn", "CCHC_HTTPS": "1"}


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_cchc(["check", "--deploy", "--fail-level", "WARNING"], production_env(**PRODUCTION))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_https_check_deploy_names_what_is_missing():
    result = run_cchc(["check", "--deploy"], production_env(SECRET_KEY=LONG_KEY))
    assert "security.W004" in result.stderr and "security.W008" in result.stderr  # HSTS, SSL redirect


def test_the_proxy_ssl_header_is_a_setting():
    env = production_env(**PRODUCTION, CCHC_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    assert run(["-c", code], env).stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.django_db
def test_every_page_has_a_csp_without_inline_code():
    policy = Client().get(reverse("login"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("cchc/*/templates")]
# What the CSP blocks as inline code: a <script> without src, a <style> element, a style="" attribute, an event
# handler attribute (onclick=...), htmx's hx-on attributes and javascript: URLs.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|\shx-on|javascript:", flags=re.IGNORECASE
)


def test_no_template_holds_inline_scripts_or_styles():
    found = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if INLINE.search(line):
                    found.append(f"{template.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.django_db
def test_the_404_page_is_vietnamese_with_the_sites_look():
    response = Client().get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and "Không tìm thấy trang" in html and "css/cchc.css" in html


def test_the_403_page_is_vietnamese(cast):
    client = Client()
    client.force_login(cast.specialist_a)
    response = client.get(reverse("web:receive"))  # desk officers only
    assert response.status_code == 403 and "Không có quyền truy cập" in response.content.decode()


def test_the_500_and_400_pages_are_vietnamese_and_need_no_context():
    html = server_error(RequestFactory().get("/")).content.decode()
    assert "Lỗi máy chủ" in html and "css/cchc.css" in html
    assert "Yêu cầu không hợp lệ" in render_to_string("400.html")
