"""`cchc demo` prints the log-ins with the suggested first ones at the top, the roles in Vietnamese and the port
the site is served on (make run passes its PORT)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from cchc.demo.load import SUGGESTED, demo_logins

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def _printed(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_suggested_log_ins_come_first_with_vietnamese_role_names(demo):
    text = _printed("--port", "8123")
    lines = text.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("Nên đăng nhập thử trước")))
    assert [line.split()[0] for line in lines[first + 1 : first + 1 + len(SUGGESTED)]] == SUGGESTED
    assert lines[first + 1 + len(SUGGESTED)].startswith("Tất cả tài khoản")
    desk = next(line for line in lines if line.split()[:1] == ["motcua.xa-gio-linh"])
    assert "Cán bộ tiếp nhận" in desk and "xa-gio-linh" in desk
    assert "Cán bộ CCHC" in next(line for line in lines if line.split()[:1] == ["cchc.gio-linh"])
    assert "Quản trị viên" in next(line for line in lines if line.split()[:1] == ["admin"])
    for role in ("desk_officer", "specialist", "leader", "reform_officer", "administrator"):
        assert f" {role} " not in text
    assert "http://127.0.0.1:8123/can-bo/" in text and "8000" not in text
    # every account is printed once
    assert sorted(line.split()[0] for line in lines if line.startswith("  ")) == sorted(
        login.username for login in demo_logins()
    )


def test_the_log_ins_are_printed_in_vietnamese_whatever_language_is_active(demo):
    with translation.override("en"):
        assert "Nên đăng nhập thử trước" in _printed()


def test_the_port_comes_from_the_environment_by_default(demo, monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    assert "http://127.0.0.1:8765/can-bo/" in _printed()
    monkeypatch.delenv("PORT")
    assert "http://127.0.0.1:8000/can-bo/" in _printed()
