"""The offline pack's queries do not grow with the course: 5 lessons or 30 cost the same, both
when the pack is built (each page rendered once) and when it is read again from its memo."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.offline.helpers import enrol

pytestmark = pytest.mark.django_db

# The warm request: session and user, the profile (its low-data setting), the course, the
# enrolment, the version. Measured: 6.
WARM_BUDGET = 6


def measure(client, site, lessons: int, title: str) -> tuple[int, int, int]:
    course = factories.small_course(site, title, modules=1, lessons=lessons)
    learner = UserFactory()
    enrol(learner, course)
    client.force_login(learner)
    url = reverse("lms_course_offline", args=[course.pk])
    client.get("/dashboard/")  # the session and the site's routing warm, as in real use
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    pages = [item for item in response.json()["items"] if item["kind"] == "page"]
    assert len(pages) == 1 + lessons + 1  # the course, its lessons, its quiz
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).json() == response.json()
    return len(cold), len(warm), len(pages)


def test_building_and_reading_the_pack_cost_the_same_for_5_and_30_lessons(client, site):
    cold_small, warm_small, _ = measure(client, site, 5, "Five lessons")
    cold_big, warm_big, pages = measure(client, site, 30, "Thirty lessons")
    assert pages == 32
    assert cold_big == cold_small, (cold_small, cold_big)
    assert warm_big == warm_small <= WARM_BUDGET, (warm_small, warm_big)
