import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses.services import editorial_setup
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories


def staff_client(group: str, email: str) -> Client:
    """A logged-in member of `group` who has TOTP set up, as the admin's MFA policy requires."""
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group))
    return log_in_with_mfa(Client(), user)


@pytest.fixture
def editorial(site):
    """The catalogue with the review workflow, and two courses with a lesson each."""
    catalog = factories.catalog(site)
    editorial_setup()
    trainer_a = staff_client("Trainers", "trainer.a@example.com")
    trainer_b = staff_client("Trainers", "trainer.b@example.com")
    reviewer = staff_client("Reviewers", "reviewer@example.com")
    course_a = factories.course(catalog, "Coffee course")
    course_b = factories.course(catalog, "Tourism course")
    lesson_a = factories.lesson(factories.module(course_a), "Coffee lesson", free_preview=True)
    lesson_b = factories.lesson(factories.module(course_b), "Tourism lesson", free_preview=True)
    for course, client in ((course_a, trainer_a), (course_b, trainer_b)):
        course.trainers.set([client.user])
        factories.publish(course)  # assignments take effect on publish
    return {
        "catalog": catalog,
        "trainer_a": trainer_a,
        "trainer_b": trainer_b,
        "reviewer": reviewer,
        "course_a": course_a,
        "course_b": course_b,
        "lesson_a": lesson_a,
        "lesson_b": lesson_b,
    }
