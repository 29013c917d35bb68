import pytest
from django.urls import get_resolver, reverse

from cchc.reform.urls import URL_PERMISSIONS, urlpatterns

SAMPLE = {"unit_code": "gio-an", "year": 2023, "quarter": 3, "kind": "documents", "pk": 1}


def test_every_page_has_a_permission():
    names = {f"reform:{p.name}" for p in urlpatterns}
    assert names == set(URL_PERMISSIONS)


@pytest.mark.parametrize("pattern", urlpatterns, ids=lambda p: p.name)
def test_pages_require_login(client, db, pattern):
    kwargs = {k: v for k, v in SAMPLE.items() if k in pattern.pattern.converters}
    url = reverse(f"reform:{pattern.name}", kwargs=kwargs)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert get_resolver().resolve(url).url_name == pattern.name
