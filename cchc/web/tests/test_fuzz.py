"""Issue 7, "How it is checked": random text, dates and numbers posted into every form and sent in every GET
parameter of every staff URL give no 500, and a refused post writes no row.

The URLs come from the permission tables (cchc.web.permissions and cchc.reform.urls), so a new page is fuzzed as
soon as it is listed; each is opened by a user of the role the table names, on the cast of conftest.py. The
field names of a page's forms are read from the page itself (its inputs, selects and textareas).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.dossiers import services as dossier_services
from cchc.dossiers.models import DocumentKind, Dossier, DossierDocument, DossierEvent
from cchc.dossiers.workflow import Action
from cchc.reform import services as reform_services
from cchc.reform.models import SECTION_MODELS, Correction, DocumentType, ReformArea, ReportPeriod
from cchc.reform.urls import URL_PERMISSIONS as REFORM_PERMISSIONS
from cchc.testing.factories import received_dossier
from cchc.web.permissions import PUBLIC, SUPERUSER, permission_for

pytestmark = pytest.mark.django_db

# Not fuzzed: the log-in and log-out (they change who is logged in for the next example), the language switch
# (public), and the Django admin (Django's own forms).
SKIPPED = {"login", "logout", "set_language"}
GET_PARAMS: tuple[str, ...] = ("unit", "period", "cutoff", "scope", "key", "q", "tab", "status", "date_from", "date_to")
GET_PARAMS += ("page", "export", "procedure", "year", "quarter")
NAME = re.compile(r'\bname="([^"]+)"')
EDGES = [
    "",
    "0",
    "-1",
    "1e9999",
    "-1e9999",
    "NaN",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "9999-Q4",
    "0000-Q1",
    "2023-Q3",
    "2023-07-01..2023-09-30",
    "9999-12-31..9999-12-31",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "=1+1",
    "<script>alert(1)</script>",
    "'; DROP TABLE dossiers_dossier; --",
    "../../etc/passwd",
    "gio-linh",
    "tree",
    "statutory",
    "csv",
]
VALUES = st.one_of(
    st.sampled_from(EDGES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _patterns(patterns=None, namespace: str = ""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
            yield from _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _fuzzed_urls() -> list[tuple[str, tuple[str, ...]]]:
    """Every named staff URL the tables list, with the names of its route's arguments."""
    out = []
    for name, entry in _patterns():
        permission = permission_for(name)
        if name in SKIPPED or permission in (None, PUBLIC, SUPERUSER):
            continue
        out.append((name, tuple(entry.pattern.converters)))
    return sorted(set(out))


URLS = _fuzzed_urls()


@pytest.fixture
def world(cast, settings, tmp_path):
    """A dossier at commune A with a document, and a report data row of the district's quarter."""
    settings.MEDIA_ROOT = tmp_path
    dossier = received_dossier(cast.commune_a)
    dossier_services.dossier_attach_document(
        dossier=dossier,
        by=cast.desk_a,
        kind=DocumentKind.COMPONENT,
        file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4"),
        name="Tờ khai",
    )
    period = reform_services.period_get_or_create(unit=cast.district, year=2023, quarter=3, by=cast.reform_officer)
    row = reform_services.section_row_create(
        period=period,
        kind="documents",
        data={
            "area": ReformArea.DIRECTION,
            "doc_type": DocumentType.OFFICIAL_LETTER,
            "number": "1033/UBND-NC",
            "date": dt.date(2023, 7, 12),
            "issuer": "UBND huyện Gio Linh",
            "summary": "về việc hướng dẫn tự đánh giá",
        },
        by=cast.reform_officer,
    )
    return {"cast": cast, "dossier": dossier, "document": DossierDocument.objects.get(), "row": row}


def _kwargs(converters: tuple[str, ...], world: dict, name: str) -> dict:
    values = {
        "code": world["dossier"].code,
        "action": Action.WITHDRAW,
        "pk": world["row"].pk if name.startswith("reform:") else world["document"].pk,
        "unit_code": "gio-linh",
        "year": 2023,
        "quarter": 3,
        "kind": "documents",
        "fmt": "docx",
    }
    return {key: values[key] for key in converters}


def _user(name: str, cast):
    """A user the table lets in: the desk officer who received the dossier for the dossier pages and the staff
    pages, the district's reform officer for the figures and the report data."""
    permission = permission_for(name)
    if name.startswith(("reform:", "reports:")) or permission == "unit_reader":
        return cast.reform_officer
    return cast.desk_a


def _counts() -> dict[str, int]:
    models: list[type[Model]] = [Dossier, DossierEvent, DossierDocument, ReportPeriod, Correction]
    models += SECTION_MODELS.values()
    return {model.__name__: model._default_manager.count() for model in models}


def _form_names(client, url: str, world: dict) -> list[str]:
    """The fields of the page's forms; a POST-only URL takes those of the dossier page that holds its forms."""
    key = ("names", url)
    if key not in world:  # read once, before any post changes the page (hypothesis replays need the same names)
        page = client.get(url)
        if page.status_code == 405:
            page = client.get(world["dossier"].get_absolute_url())
        html = page.content.decode() if page.status_code == 200 and not page.streaming else ""
        world[key] = sorted(set(NAME.findall(html)) - {"csrfmiddlewaretoken"})
    return world[key]


def test_the_table_gives_urls_to_fuzz():
    names = {name for name, _ in URLS}
    assert {"web:receive", "web:dossier_action", "web:tracking_book", "reports:figure_dossiers"} <= names
    assert {f"reform:{n.split(':')[1]}" for n in REFORM_PERMISSIONS} <= names | {"reform:index"}


@pytest.mark.parametrize(("name", "converters"), URLS, ids=[name for name, _ in URLS])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_500_and_no_row_written_on_a_refusal(client, world, name, converters, data):
    client.force_login(_user(name, world["cast"]))
    url = reverse(name, kwargs=_kwargs(converters, world, name))
    params = data.draw(st.dictionaries(st.sampled_from(GET_PARAMS), VALUES, max_size=5), label="GET")
    before = _counts()
    response = client.get(url, params)
    assert response.status_code < 500, (name, params)
    assert _counts() == before, f"a GET of {name} wrote rows"

    names = _form_names(client, url, world)
    fields = data.draw(st.fixed_dictionaries({}, optional={n: VALUES for n in names}), label="POST")
    before = _counts()
    response = client.post(url, fields)
    assert response.status_code < 500, (name, fields)
    if response.status_code != 302:  # refused (a form with errors, 400, 403, 404, 405): nothing written
        assert _counts() == before, f"a refused POST to {name} wrote rows: {fields}"
