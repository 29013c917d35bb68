"""In chromium: the admin in Vietnamese (title, apps, a list of dossiers), the error pages, the favicon, at desktop
and phone width."""

from __future__ import annotations

import pytest

from cchc.testing.browser import DESKTOP, PHONE, chromium_page, shot
from cchc.testing.factories import UserFactory, in_process_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_admin_and_the_error_pages_in_vietnamese(live_server, cast, size):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    root.set_password("pass-1234")
    root.save()
    dossier = in_process_dossier(cast.commune_a)
    with chromium_page(DESKTOP if size == "desktop" else PHONE) as page:
        # The browser's own request for /favicon.ico ends on the icon.
        icon = page.request.get(f"{live_server.url}/favicon.ico")
        assert icon.ok and icon.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
        page.goto(f"{live_server.url}/admin/")
        page.fill("#id_username", "root")
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_url(f"{live_server.url}/admin/")
        assert page.title().startswith("Quản trị hệ thống")
        assert "Quản trị hệ thống một cửa điện tử" in page.inner_text("#site-name")
        body = page.text_content("body") or ""
        for app in ("Hồ sơ", "Đơn vị", "Tài khoản", "Thủ tục", "Hàng đợi tác vụ", "Đăng nhập và khóa đăng nhập"):
            assert app in body
        assert page.locator("link[rel=icon]").count() == 2
        shot(page, f"i9v-admin-index-{size}")
        page.goto(f"{live_server.url}/admin/dossiers/dossier/")
        assert dossier.code in page.inner_text("#result_list")
        shot(page, f"i9v-admin-dossiers-{size}")
        page.goto(f"{live_server.url}/admin/accounts/user/{root.pk}/change/")
        assert "Hồ sơ | hồ sơ | Thêm" in page.inner_text("#id_user_permissions_from")
        # The two-list picker's own texts (the admin's JavaScript catalogue, locale/vi/LC_MESSAGES/djangojs.po).
        picker = page.text_content(".field-user_permissions") or ""
        assert "Chọn tất cả" in picker and "Choose all" not in picker
        shot(page, f"i9v-admin-user-{size}")
        response = page.goto(f"{live_server.url}/can-bo/no-such-page/")
        assert response is not None and response.status == 404
        assert "Không tìm thấy trang" in page.inner_text("h1")
        shot(page, f"i9v-404-{size}")
        response = page.goto(f"{live_server.url}/can-bo/dang-xuat/")  # log-out takes a POST only
        assert response is not None and response.status == 405
        assert "Không thực hiện được thao tác này tại đây" in page.inner_text("h1")
        shot(page, f"i9v-405-{size}")
