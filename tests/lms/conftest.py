import pytest

from tests.accounts.factories import UserFactory
from tests.courses import factories


@pytest.fixture
def course(site):
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
def learner(db):
    return UserFactory(email="eric@example.com")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
