"""The demo curriculum (demo/content): six real courses, one in French, seeded idempotently."""

import pytest
from wagtail.models import Locale, Page

from courses.api import editorial_setup
from courses.models import CoursePage, LessonPage, QuizPage
from demo.content import load
from demo.course_rules import course_problems
from demo.seed import seed_curriculum
from tests.shared_data import shared

pytestmark = pytest.mark.django_db

COURSES = load().courses


@pytest.mark.parametrize("course", COURSES, ids=lambda course: course["slug"])
def test_course_data_is_complete(course):
    assert course_problems(course) == []
    text = repr(course).lower()
    assert "lorem" not in text and "ipsum" not in text


def test_the_curriculum_covers_the_programme():
    assert len(COURSES) >= 6
    assert any(c["qualifies_for_storefront"] for c in COURSES)
    assert any(c["format"] == "cohort" and "policymakers" in c["audiences"] for c in COURSES)
    assert any("academics" in c["audiences"] for c in COURSES)
    assert any("fr" in c.get("translations", {}) for c in COURSES)


@shared(needs=("site",))
def demo_curriculum(site):
    editorial_setup()
    seed_curriculum(site)
    return site


@pytest.fixture
def seeded(demo_curriculum):
    """The demo curriculum, seeded once for the tests of this module: see tests/shared_data.py."""
    return demo_curriculum


def test_seeding_publishes_every_course_and_is_idempotent(seeded, client):
    english = Locale.objects.get(language_code="en")
    courses = CoursePage.objects.live().filter(locale=english)
    assert courses.count() == len(COURSES)
    for course in courses:
        assert course.get_children().live().count() >= 2
        assert LessonPage.objects.descendant_of(course).live().count() >= 3
        quiz = QuizPage.objects.descendant_of(course).live().first()
        assert quiz is not None and len(quiz.question_pool()) >= 6
    pages = Page.objects.count()
    seed_curriculum(seeded)
    assert Page.objects.count() == pages
    storefront = CoursePage.objects.get(locale=english, qualifies_for_storefront=True)
    assert client.get(storefront.url).status_code == 200


def test_one_course_is_fully_translated_into_french(seeded, client):
    english, french = (Locale.objects.get(language_code=c) for c in ("en", "fr"))
    course = CoursePage.objects.get(locale=english, slug="ewtp-seller-readiness-coffee")
    translation = course.get_translation(french)
    assert translation.live and translation.title != course.title
    originals = course.get_descendants().live()
    for page in originals:
        localized = page.get_translation(french)
        assert localized.live, page
        assert localized.title != page.title, page
    html = client.get(translation.url).content.decode()
    assert 'lang="fr"' in html
    assert translation.summary[:40] in html
