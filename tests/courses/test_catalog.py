"""The catalogue at /courses/: language, filters through GET, search and pagination."""

import pytest
from wagtail.models import Locale

from courses.models import CoursePage
from tests.courses import factories
from tests.shared_data import shared

pytestmark = pytest.mark.django_db


@shared(needs=("site",))
def filtered_catalog(site):
    """Three courses and a lesson, built once for the module's tests (tests/shared_data.py)."""
    catalog = factories.catalog(site)
    factories.course(
        catalog, "Coffee for export", for_entrepreneurs=True, level="beginner", tags=["coffee"]
    )
    factories.course(
        catalog,
        "Policy cohort",
        for_policymakers=True,
        format="cohort",
        level="advanced",
        tags=["policy"],
    )
    course = factories.course(
        catalog,
        "Teaching commerce",
        for_academics=True,
        level="intermediate",
        tags=["teaching", "coffee"],
    )
    factories.lesson(
        factories.module(course),
        "Cupping in the classroom",
        body=[factories.paragraph("Students score arabica samples by fragrance.")],
    )
    return catalog


@pytest.fixture
def catalog(filtered_catalog):
    return filtered_catalog


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


def test_lists_published_courses(client, catalog):
    response = client.get("/courses/")
    assert response.status_code == 200
    assert titles(response) == ["Coffee for export", "Policy cohort", "Teaching commerce"]
    assert "3 courses" in response.content.decode()


def test_drafts_are_not_listed(client, catalog):
    draft = CoursePage.objects.get(title="Policy cohort")
    draft.unpublish()
    assert "Policy cohort" not in titles(client.get("/courses/"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"audience": "policymaker"}, ["Policy cohort"]),
        ({"topic": "coffee"}, ["Coffee for export", "Teaching commerce"]),
        ({"topic": "coffee", "level": "intermediate"}, ["Teaching commerce"]),
        ({"format": "cohort"}, ["Policy cohort"]),
        ({"format": "self_paced", "audience": "entrepreneur"}, ["Coffee for export"]),
        ({"level": "advanced", "audience": "academic"}, []),
    ],
)
def test_filters_combine(client, catalog, query, expected):
    assert titles(client.get("/courses/", query)) == expected


def test_search_finds_courses_by_their_own_text_and_by_lesson_text(client, catalog):
    assert titles(client.get("/courses/", {"q": "export"})) == ["Coffee for export"]
    response = client.get("/courses/", {"q": "arabica"})
    assert titles(response) == ["Teaching commerce"]
    assert "Cupping in the classroom" in response.content.decode()  # the matching lesson
    assert titles(client.get("/courses/", {"q": "arabica", "audience": "policymaker"})) == []


def test_empty_results_explain_and_offer_a_way_out(client, catalog):
    html = client.get("/courses/", {"q": "zzzz-nothing"}).content.decode()
    assert "No course matches these filters yet." in html and "Clear filters" in html


def test_bad_parameters_are_ignored_with_a_message(client, catalog):
    response = client.get("/courses/", {"audience": "astronauts", "page": "nine"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(titles(response)) == 3


def test_pagination_keeps_the_filters(client, catalog):
    catalog.page_size = 2
    factories.publish(catalog)
    for n in range(3):
        factories.course(catalog, f"Extra coffee {n}", tags=["coffee"])
    first = client.get("/courses/", {"topic": "coffee"})
    assert len(titles(first)) == 2
    html = first.content.decode()
    assert "topic=coffee&amp;page=2" in html and "Page 1 of 3" in html
    last = client.get("/courses/", {"topic": "coffee", "page": "3"})
    assert titles(last) == ["Extra coffee 2"]


def test_language_default_and_filter(client, catalog, site):
    french = Locale.objects.get(language_code="fr")
    coffee = CoursePage.objects.get(title="Coffee for export")
    french_catalog = catalog.copy_for_translation(french)
    factories.publish(french_catalog)
    translation = coffee.copy_for_translation(french)
    translation.title = "Le café à l'export"
    factories.publish(translation)
    assert titles(client.get("/fr/courses/")) == ["Le café à l'export"]
    assert titles(client.get("/courses/")) == [
        "Coffee for export",
        "Policy cohort",
        "Teaching commerce",
    ]
    assert titles(client.get("/courses/", {"language": "fr"})) == ["Le café à l'export"]
    assert len(titles(client.get("/courses/", {"language": "all"}))) == 4
    html = client.get("/fr/courses/", {"language": "sw"}).content.decode()
    assert "Voir les cours dans toutes les langues" in html or "every language" in html
