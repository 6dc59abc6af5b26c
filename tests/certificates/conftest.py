"""Fixtures for certificate tests: a course with a template, a learner who completed it."""

import pytest
from django.utils import timezone

from lms.models import Completion, Enrolment
from tests.accounts.factories import UserFactory
from tests.courses import factories


@pytest.fixture
def template(db):
    from courses.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        name="Isoko standard",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
    )


@pytest.fixture
def course(site, template):
    catalog = factories.catalog(site)
    return factories.course(
        catalog, "Selling coffee online", estimated_hours=12, certificate_template=template
    )


def complete(course, learner) -> Completion:
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    return Completion.objects.create(enrolment=enrolment, completed_at=timezone.now())


@pytest.fixture
def learner(db):
    return UserFactory(email="eric@example.com", profile__full_name="Éric Ngabo Uwimana")


@pytest.fixture
def completion(course, learner):
    return complete(course, learner)


def issue(completion, capture):
    """Issue as the task does, running the on-commit work (the e-mail) as a commit would."""
    from certificates.services import certificate_issue_for_completion

    with capture(execute=True):
        return certificate_issue_for_completion(completion_id=completion.pk)


@pytest.fixture
def issued(completion, django_capture_on_commit_callbacks):
    return issue(completion, django_capture_on_commit_callbacks)


@pytest.fixture(autouse=True)
def own_keyfile(settings, tmp_path):
    """Each test signs with a key of its own, so rotating one touches no other test."""
    settings.ISOKO_CREDENTIAL_KEYFILE = tmp_path / "credential-keys.json"
