import pytest
from django.conf import settings

from tests.courses import factories as course_factories
from tests.shared_data import shared


@shared(needs=("site",))
def api_courses(site):
    """Two live courses (2 modules x 2 lessons + a quiz each; 1 module x 1 lesson), a draft one
    and a private one, which the catalogue must not list."""
    from wagtail.models import PageViewRestriction

    first = course_factories.small_course(site, "Selling coffee online", modules=2, lessons=2)
    catalog = course_factories.catalog(site)
    second = course_factories.course(catalog, "Payments and logistics")
    course_factories.lesson(course_factories.module(second, "Paying"), "Mobile money")
    draft = course_factories.course(catalog, "Draft course")
    draft.unpublish()
    private = course_factories.course(catalog, "Private course")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"first": first, "second": second, "draft": draft, "private": private}


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def limits(settings):
    """Generous limits unless a test lowers them (tests make many calls)."""
    settings.ISOKO_API_RATE_PUBLIC = 10_000
    settings.ISOKO_API_RATE_TOKEN = 10_000
    settings.ISOKO_API_RATE_AUTH_FAILURES = 10_000
    return settings


def assert_problem(response, status: int) -> dict:
    """The answer is an RFC 9457 problem document with this status."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys(), body
    assert body["status"] == status
    assert body["type"].startswith("/api/v1/problems/")
    assert body["instance"].startswith("/api/v1/")
    return body


__all__ = ["assert_problem", "settings"]
