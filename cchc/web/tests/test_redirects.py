"""The staff site moved under /can-bo/ (issue 8); its old addresses, bookmarked or printed, lead there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/login/", "/can-bo/dang-nhap/"),
        ("/login/?next=/receive/", "/can-bo/dang-nhap/?next=/receive/"),
        ("/receive/", "/can-bo/receive/"),
        ("/search/?q=Nguy%E1%BB%85n", "/can-bo/search/?q=Nguy%E1%BB%85n"),
        ("/tracking-book/", "/can-bo/tracking-book/"),
        ("/dossiers/000.00.00.H01-230703-0001/receipt/", "/can-bo/dossiers/000.00.00.H01-230703-0001/receipt/"),
        ("/reform/", "/can-bo/reform/"),
        ("/reports/?unit=gio-linh&period=2023-Q3", "/can-bo/reports/?unit=gio-linh&period=2023-Q3"),
        ("/password/", "/can-bo/password/"),
    ],
)
def test_an_old_staff_address_redirects_permanently(old, new):
    response = Client().get(old)
    assert (response.status_code, response["Location"]) == (301, new)


def test_a_form_posted_to_an_old_address_is_posted_again():
    """308 keeps the method and the body (a 301 would turn the log-in post into a GET)."""
    response = Client().post("/login/", {"username": "a", "password": "b"})
    assert (response.status_code, response["Location"]) == (308, "/can-bo/dang-nhap/")


def test_the_root_is_the_portal_for_a_visitor_and_the_work_list_for_staff(cast):
    assert reverse("login") == "/can-bo/dang-nhap/"
    assert reverse("web:worklist") == "/can-bo/"
    page = Client().get("/")
    assert page.status_code == 200 and b'href="/can-bo/dang-nhap/"' in page.content
    client = Client()
    client.force_login(cast.desk_a)
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/can-bo/")
