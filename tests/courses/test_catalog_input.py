"""No input crashes the catalogue: any search text on both search backends, bad filter values,
over-long searches and paging values.

Run on SQLite (FTS5) and on PostgreSQL (DATABASE_URL set): each backend has its own query syntax.
"""

import pytest

from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def hostile_input_catalog(site):
    """Three courses and a lesson, built once for the module's 55 inputs (tests/shared_data.py:
    each test reads them in a savepoint rolled back after it)."""
    catalog = factories.catalog(site)
    factories.course(
        catalog, "Coffee for export", for_entrepreneurs=True, level="beginner", tags=["coffee"]
    )
    factories.course(catalog, "Policy cohort", for_policymakers=True, level="advanced")
    course = factories.course(catalog, "Teaching commerce", for_academics=True, level="beginner")
    factories.lesson(
        factories.module(course),
        "Cupping in the classroom",
        body=[factories.paragraph("Students score arabica samples by fragrance.")],
    )
    return catalog


@pytest.fixture
def catalog(hostile_input_catalog):
    return hostile_input_catalog


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


# Each is the query syntax of one backend or another (FTS5: quotes, NEAR, column filters, ^, *;
# PostgreSQL tsquery: & | ! <-> :* and parentheses), or text that databases refuse (NUL).
HOSTILE = [
    '"coffee',
    'coffee"',
    '"><script>alert(1)</script>coffee',
    "coffee -export",
    "-coffee",
    "coffee OR",
    "OR coffee",
    "coffee AND",
    "NOT coffee",
    "coffee*",
    "*",
    "*coffee",
    "title:coffee",
    "{title}:coffee",
    ":coffee",
    "coffee:*",
    "coffee & export",
    "coffee | ",
    "!coffee",
    "coffee <-> export",
    "(coffee",
    "coffee)",
    "NEAR(coffee export)",
    "^coffee",
    "coffee\x00",
    "\x00",
    "'coffee'",
    "coffee\\",
    "''",
    '""',
    "coffee" + "e" * 90,
    "☕ coffee 🇷🇼",
    "قهوة coffee",
    "\u202ecoffee",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_search_text_gives_a_page(client, catalog, text):
    response = client.get("/courses/", {"q": text})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize(
    "text",
    ['"coffee', 'coffee"', '"><coffee', "(coffee", "coffee:*", "☕ coffee", "\x00coffee"],
)
def test_the_words_of_a_hostile_search_are_still_searched(client, catalog, text):
    assert titles(client.get("/courses/", {"q": text})) == ["Coffee for export"]


def test_a_search_of_only_punctuation_says_there_is_nothing_to_look_for(client, catalog):
    response = client.get("/courses/", {"q": '"><*'})
    assert response.status_code == 200
    assert titles(response) == []
    assert "has no words to look for" in response.content.decode()


def test_one_bad_filter_value_keeps_the_other_filters_and_the_search(client, catalog):
    response = client.get("/courses/", {"audience": "bogus", "level": "beginner", "q": "coffee"})
    assert response.status_code == 200
    assert titles(response) == ["Coffee for export"]
    html = response.content.decode()
    assert "We ignored “bogus” for “For”" in html


def test_a_bad_filter_value_is_escaped_in_the_message(client, catalog):
    html = client.get("/courses/", {"level": "<b>x</b>"}).content.decode()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_a_search_over_100_characters_searches_its_start_and_says_so(client, catalog):
    text = "export " * 30  # 210 characters: the first 100 end in "ex" of the 15th "export"
    response = client.get("/courses/", {"q": text})
    assert response.status_code == 200
    assert titles(response) == ["Coffee for export"]
    html = response.content.decode()
    assert "Your search was longer than 100 characters" in html
    assert response.context["query"] == ("export " * 14).strip()  # cut between words


@pytest.mark.parametrize(
    "page", ["abc", "99999", "-1", "0", "1e9", "9" * 5000, "\x00", "", "2.5", "٣"]
)
def test_any_page_value_gives_a_page(client, catalog, page):
    response = client.get("/courses/", {"page": page, "q": "coffee"})
    assert response.status_code == 200
