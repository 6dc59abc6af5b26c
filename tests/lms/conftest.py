import pytest

from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.shared_data import shared


@shared(needs=("site",))
def lms_course(site):
    """A published course: module 1 has two lessons and a quiz; module 2 one lesson."""
    catalog = factories.catalog(site)
    course = factories.course(catalog, "Selling coffee online")
    first = factories.module(course, "Get verified")
    factories.lesson(first, "Onboarding", free_preview=True)
    factories.lesson(first, "Grading")
    factories.quiz(first, "Check", pass_mark=70, max_attempts=3)
    second = factories.module(course, "Sell")
    factories.lesson(second, "Listings")
    return course


@pytest.fixture
def course(lms_course):
    """A published course: module 1 has two lessons and a quiz; module 2 one lesson (built once
    for the tests of a module: see tests/shared_data.py)."""
    return lms_course


@shared()
def lms_learner():
    return UserFactory(email="eric@example.com")


@pytest.fixture
def learner(lms_learner):
    return lms_learner


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
