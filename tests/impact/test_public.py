"""/impact/: the public open-data page, its CSV and JSON downloads (impact/public/).

The views read ``impact.snapshot.public_snapshot``; here it is replaced by the contract's sample
(tests/impact/sample.py) made public the way impact-data does it: public tables only, counts
under 5 suppressed. ``test_public_end_to_end.py`` runs the real one on seeded data.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from impact.public import views
from impact.signals import impact_refreshed
from impact.snapshot import PUBLIC_TABLES
from impact.tables import SUPPRESSION_THRESHOLD, Table
from tests.impact.sample import sample_snapshot

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def prefix(language: str) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def suppress(table: Table) -> Table:
    """What impact-data's public snapshot does to a count under the threshold."""
    count_columns = [i for i, c in enumerate(table.columns) if c.kind == "count"]
    for row in table.rows:
        for i in count_columns:
            if row[i] is not None and row[i] < SUPPRESSION_THRESHOLD:
                row[i] = None
                table.suppressed_cells += 1
    if table.suppressed_cells:
        table.note = "Numbers under 5 people are not published."
    return table


def public_sample(*, suppressed: bool = True, language: str = "en"):
    snap = sample_snapshot(public=True)
    snap.language = language
    snap.tables = {key: snap.tables[key] for key in PUBLIC_TABLES}
    if suppressed:
        snap.tables = {key: suppress(table) for key, table in snap.tables.items()}
    return snap


class Calls:
    def __init__(self, make):
        self.make = make
        self.languages: list[str | None] = []

    def __call__(self, *, language=None):
        self.languages.append(language)
        return self.make(language=language or "en")


@pytest.fixture
def snapshot(monkeypatch):
    calls = Calls(lambda language: public_sample(language=language))
    monkeypatch.setattr(views, "public_snapshot", calls)
    return calls


@pytest.fixture
def unsuppressed(monkeypatch):
    """A snapshot whose small counts reached the page unsuppressed (an upstream slip)."""
    calls = Calls(lambda language: public_sample(suppressed=False, language=language))
    monkeypatch.setattr(views, "public_snapshot", calls)
    return calls


class Cells(HTMLParser):
    """The text of every <td>/<th> in <table>s (and of the count cells apart) and of every SVG
    chart value."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.count_cells: list[str] = []
        self._count = False
        self.chart_values: list[str] = []
        self._in: str | None = None
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("td", "th"):
            self._in, self._buf = "cell", ""
            self._count = dict(attrs).get("data-kind") == "count"
        elif tag == "text" and ("chart-value" in classes or "chart-suppressed" in classes):
            self._in, self._buf = "chart", ""

    def handle_endtag(self, tag):
        if self._in == "cell" and tag in ("td", "th"):
            self.cells.append(self._buf.strip())
            if self._count:
                self.count_cells.append(self._buf.strip())
            self._in = None
        elif self._in == "chart" and tag == "text":
            self.chart_values.append(self._buf.strip())
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buf += data


def numbers_in(text: str) -> list[float]:
    """The counts a cell shows (thousand separators aside; percentages are rates, not people)."""
    text = re.sub(r"\d+(?:[.,]\d+)?\s*%", "", text)
    cleaned = re.sub(r"(?<=\d)[\s\u202f\xa0,](?=\d{3})", "", text)
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", cleaned)]


# -- the page -------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_renders_in_every_language(client, snapshot, language):
    response = client.get(f"{prefix(language)}/impact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert response["Content-Language"] == language
    assert snapshot.languages == [language]
    # The funnel and the district, audience, sector, month and course charts, each with its table.
    assert html.count('role="img"') == 6
    assert html.count("<table") == 6
    assert '<time datetime="2026-12-01T' in html
    assert "CC BY 4.0" in html and "https://creativecommons.org/licenses/by/4.0/" in html
    assert f"{prefix(language)}/impact/data.json" in html
    assert f"{prefix(language)}/impact/by_district.csv" in html


def test_the_page_shows_the_headline_and_says_why_small_numbers_are_hidden(client, snapshot):
    html = client.get("/impact/").content.decode()
    for label, number in [("Learners", "380"), ("Graduates", "210"), ("Storefronts live", "33")]:
        assert re.search(rf"{number}</span>\s*<span class=\"impact-card-label\">{label}", html)
    assert "Why some numbers show “&lt;5”" in html
    assert "any number under 5 people is never" in html
    assert "Last updated" in html


def test_no_cell_under_5_on_the_page_even_if_one_reached_it(client, unsuppressed):
    """Rubavu has 3 learners and 1 graduate in the unsuppressed sample."""
    html = client.get("/impact/").content.decode()
    parser = Cells()
    parser.feed(html)
    assert "Rubavu" in parser.cells
    assert len(parser.count_cells) > 40
    shown = [n for cell in parser.count_cells + parser.chart_values for n in numbers_in(cell)]
    small = [n for n in shown if n < SUPPRESSION_THRESHOLD]
    assert small == []
    assert [v for v in parser.chart_values if "<5" in v] == [
        "Learners: <5 (suppressed)",
        "Graduates: <5 (suppressed)",
    ]
    index = parser.cells.index("Rubavu")
    assert parser.cells[index + 1 : index + 3] == ["<5", "<5"]


def test_the_svg_charts_parse_and_have_titles(client, snapshot):
    html = client.get("/impact/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 6
    titles = []
    for svg in svgs:
        root = ET.fromstring(svg)
        titles.append(root.find("{http://www.w3.org/2000/svg}title").text)
    assert titles[:2] == ["From sign-up to first order", "Learners and graduates by district"]


def test_labels_from_the_data_are_escaped(client, monkeypatch):
    def make(language="en"):
        snap = public_sample()
        snap.tables["by_sector"].rows[0][0] = "<script>alert(1)</script> & tea"
        return snap

    monkeypatch.setattr(views, "public_snapshot", lambda *, language=None: make())
    html = client.get("/impact/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; tea" in html


def test_empty_state_when_there_are_no_numbers_yet(client, monkeypatch):
    def empty(*, language=None):
        snap = public_sample()
        for table in snap.tables.values():
            table.rows = []
        return snap

    monkeypatch.setattr(views, "public_snapshot", empty)
    response = client.get("/impact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No numbers yet" in html and 'role="img"' not in html
    # The licence, the rule and the (empty) downloads are still there.
    assert "Why some numbers show" in html and "data.json" in html


def test_the_footer_links_to_the_page(client, snapshot):
    html = client.get("/fr/impact/").content.decode()
    assert re.search(r'<footer[\s\S]*href="/fr/impact/"', html)


def test_the_page_runs_no_query_for_an_anonymous_visitor(
    client, snapshot, django_assert_num_queries
):
    client.get("/impact/")  # the site memo (courses.routing) warms up
    with django_assert_num_queries(0):
        assert client.get("/impact/").status_code == 200


# -- downloads ------------------------------------------------------------------------------------
def parse_csv(body: bytes) -> tuple[list[str], list[list]]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))

    def value(cell: str):
        if cell == "<5":
            return None
        try:
            number = float(cell)
        except ValueError:
            return cell
        return int(number) if number.is_integer() and "." not in cell else number

    return rows[0], [[value(cell) for cell in row] for row in rows[1:]]


@pytest.mark.parametrize("key", PUBLIC_TABLES)
def test_each_csv_parses_back_to_the_snapshot(client, snapshot, key):
    response = client.get(f"/impact/{key}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    filename = f"isoko-impact-{key.replace('_', '-')}-en-2026-12-01.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    header, rows = parse_csv(response.content)
    table = public_sample().tables[key]
    assert header == [column.key for column in table.columns]
    assert rows == table.rows


def test_the_json_has_every_public_table_and_the_licence(client, snapshot):
    response = client.get("/fr/impact/data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'filename="isoko-impact-data-fr-2026-12-01.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["source"] == "http://testserver/fr/impact/"
    assert data["refreshed_at"] == "2026-12-01T06:00:00+00:00"
    assert data["language"] == "fr"
    assert data["suppression"]["threshold"] == 5
    expected = public_sample()
    assert data["suppression"]["suppressed_cells"] == 2
    assert list(data["tables"]) == list(PUBLIC_TABLES)
    for key, table in expected.tables.items():
        assert Table.from_json(data["tables"][key]) == table


def _counts(data) -> list:
    out = []
    for table in data["tables"].values():
        indexes = [i for i, c in enumerate(table["columns"]) if c["kind"] == "count"]
        out += [row[i] for row in table["rows"] for i in indexes]
    return out


def test_no_count_under_5_in_the_csv_or_json_even_if_one_reached_them(client, unsuppressed):
    data = json.loads(client.get("/impact/data.json").content)
    counts = _counts(data)
    assert None in counts
    assert [c for c in counts if c is not None and c < SUPPRESSION_THRESHOLD] == []
    assert data["tables"]["by_district"]["suppressed_cells"] == 2
    header, rows = parse_csv(client.get("/impact/by_district.csv").content)
    assert ["Rubavu", None, None] in rows
    assert all(v is None or v >= SUPPRESSION_THRESHOLD for row in rows for v in row[1:])


def test_downloads_are_cacheable_and_revalidate(client, snapshot):
    response = client.get("/impact/by_month.csv")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert not response.cookies
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert last_modified == "Tue, 01 Dec 2026 06:00:00 GMT"
    again = client.get("/impact/by_month.csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    since = client.get("/impact/by_month.csv", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304


# -- odd requests -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/impact/nope.csv",
        "/impact/cohorts.csv",  # a table of the dashboard, not of the public data
        "/impact/storefronts.csv",
        "/impact/headline.json",
        "/impact/by_district.CSV",
        "/impact/by%20district.csv",
        "/impact/%00.csv",
        "/impact/by_district.csv/",
        "/impact/data.json/x",
        "/xx/impact/",
    ],
)
def test_unknown_tables_and_paths_are_404(client, snapshot, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?language=xx",
        "?start=not-a-date&district=%3Cscript%3E",
        "?page=-1&format=json&key=../../etc/passwd",
        "?%ff=%fe",
        "?" + "a=1&" * 200,
    ],
)
def test_odd_query_parameters_are_ignored(client, snapshot, query):
    for path in ("/impact/", "/impact/by_district.csv", "/impact/data.json"):
        response = client.get(path + query)
        assert response.status_code == 200, path
        assert b"<script>" not in response.content


def test_head_options_and_post(client, snapshot):
    for path in ("/impact/", "/impact/funnel.csv", "/impact/data.json"):
        head = client.head(path)
        assert head.status_code == 200 and head.content == b""
        assert head["Cache-Control"] == "public, max-age=0, s-maxage=300"
        options = client.options(path)
        assert options.status_code == 405 and options["Allow"] == "GET, HEAD"
        post = Client(enforce_csrf_checks=False).post(path, {"a": "b"})
        assert post.status_code == 405
    assert client.head("/impact/funnel.csv")["Content-Length"] == str(
        len(client.get("/impact/funnel.csv").content)
    )


# -- cache ----------------------------------------------------------------------------------------
@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.services)])
def page_cache_on(request, settings):
    from config.page_cache import _local, page_cache

    if request.param == "redis":
        import os

        url = os.environ.get("REDIS_URL", "")
        if not url:
            pytest.skip("REDIS_URL is not set")
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"isoko-test-impact-{uuid.uuid4().hex[:8]}",
        }
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"impact-pages-{uuid.uuid4().hex}",
        }
    _local.reset()
    settings.CACHES = {**settings.CACHES, "pages": backend}
    settings.ISOKO_PAGE_CACHE = True
    settings.ISOKO_PAGE_CACHE_ALIAS = "pages"
    yield request.param
    _local.reset()
    if request.param == "locmem":
        page_cache().clear()
    else:
        import redis

        client = redis.Redis.from_url(backend["LOCATION"])
        keys = list(client.scan_iter(f"{backend['KEY_PREFIX']}:*", count=500))
        if keys:
            client.delete(*keys)
        client.close()


def test_the_page_sets_no_cookie_and_says_it_may_be_shared(client, snapshot):
    response = client.get("/impact/")
    assert not response.cookies and not client.cookies
    assert "Set-Cookie" not in response
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert response["Vary"] == "Accept-Encoding"
    assert response["ETag"].startswith('W/"')
    assert response.has_header("Last-Modified")
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_second_request_comes_from_the_cache_and_a_refresh_purges_it(
    client, snapshot, page_cache_on, language, django_capture_on_commit_callbacks
):
    url = f"{prefix(language)}/impact/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content or second["Content-Encoding"] == "gzip"
    assert len(snapshot.languages) == 1  # the view ran once
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # impact-data's snapshot_refresh() sends this once the numbers are recomputed.
    with django_capture_on_commit_callbacks(execute=True):
        impact_refreshed.send(sender=None)
    third = client.get(url)
    assert third["X-Page-Cache"] == "miss"
    assert len(snapshot.languages) == 2


def test_a_logged_in_visitor_gets_a_private_page(client, snapshot, page_cache_on):
    from tests.accounts.factories import UserFactory

    client.get("/impact/")
    client.force_login(UserFactory())
    response = client.get("/impact/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
