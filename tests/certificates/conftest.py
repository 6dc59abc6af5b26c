"""Fixtures for certificate tests: a course with a template, a learner who completed it."""

import pytest
from django.utils import timezone

from lms.models import Completion, Enrolment
from tests.accounts.factories import UserFactory
from tests.courses import factories
from tests.shared_data import shared


@shared()
def certificate_template():
    from courses.models import CertificateTemplate

    return CertificateTemplate.objects.create(
        name="Isoko standard",
        signatory_name="Claudine Mukamana",
        signatory_title="Programme director",
    )


@pytest.fixture
def template(certificate_template):
    return certificate_template


@shared(needs=("site", "certificate_template"))
def certificate_course(site, certificate_template):
    catalog = factories.catalog(site)
    return factories.course(
        catalog,
        "Selling coffee online",
        estimated_hours=12,
        certificate_template=certificate_template,
    )


@pytest.fixture
def course(certificate_course):
    """A published course with a certificate template (built once for the tests of a module that
    use it: see tests/shared_data.py)."""
    return certificate_course


def complete(course, learner) -> Completion:
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    return Completion.objects.create(enrolment=enrolment, completed_at=timezone.now())


@shared()
def certificate_learner():
    return UserFactory(email="eric@example.com", profile__full_name="Éric Ngabo Uwimana")


@pytest.fixture
def learner(certificate_learner):
    return certificate_learner


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
