import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses.services import editorial_setup
from tests.accounts.factories import UserFactory
from tests.accounts.helpers import log_in_with_mfa, with_totp
from tests.courses import factories
from tests.shared_data import shared


def staff_client(group: str, email: str) -> Client:
    """A logged-in member of `group` who has TOTP set up, as the admin's MFA policy requires."""
    return log_in_with_mfa(Client(), staff_member(group, email))


def staff_member(group: str, email: str):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user) -> Client:
    """A client logged in as `user`, who already has TOTP set up (see staff_client)."""
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@shared(needs=("site",))
def editorial_world(site):
    """The catalogue with the review workflow, two trainers (one course each, with a lesson) and
    a reviewer, all with TOTP set up."""
    catalog = factories.catalog(site)
    editorial_setup()
    staff = {
        "trainer_a": staff_member("Trainers", "trainer.a@example.com"),
        "trainer_b": staff_member("Trainers", "trainer.b@example.com"),
        "reviewer": staff_member("Reviewers", "reviewer@example.com"),
    }
    for user in staff.values():
        with_totp(user)  # the login itself is made per test (sessions are rows too)
    course_a = factories.course(catalog, "Coffee course")
    course_b = factories.course(catalog, "Tourism course")
    lesson_a = factories.lesson(factories.module(course_a), "Coffee lesson", free_preview=True)
    lesson_b = factories.lesson(factories.module(course_b), "Tourism lesson", free_preview=True)
    for course, trainer in ((course_a, staff["trainer_a"]), (course_b, staff["trainer_b"])):
        course.trainers.set([trainer])
        factories.publish(course)  # assignments take effect on publish
    return {
        "staff": staff,
        "catalog": catalog,
        "course_a": course_a,
        "course_b": course_b,
        "lesson_a": lesson_a,
        "lesson_b": lesson_b,
    }


@pytest.fixture
def editorial(editorial_world):
    """The catalogue with the review workflow, and two courses with a lesson each; the trainers'
    and the reviewer's clients are logged in."""
    staff = editorial_world.pop("staff")
    return {**editorial_world, **{role: logged_in(user) for role, user in staff.items()}}
