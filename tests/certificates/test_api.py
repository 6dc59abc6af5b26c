"""What certificates.api tells other apps: the valid-certificate rule (one rule, for a queryset and
for one certificate), a status that includes "pending", and a reissue's lineage."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates import api
from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke
from tests.accounts.factories import UserFactory

from .conftest import complete


def test_api_exports_no_model():
    assert not hasattr(api, "Certificate")
    assert not any(isinstance(getattr(api, name), type) for name in api.__all__)


def test_a_pending_certificate_has_the_status_pending_and_is_not_valid(completion, learner):
    from certificates.services import certificate_prepare

    pending = certificate_prepare(completion_id=completion.pk)
    assert pending.status == Certificate.Status.PENDING
    assert api.public_status(pending) == "pending"
    assert not pending.is_valid
    assert list(api.valid_certificates(learner)) == []
    assert api.standing_certificates(learner, course_ids=[pending.course_id]) == [pending]


@pytest.mark.parametrize(
    ("expires_in_days", "status"),
    [(None, "valid"), (0, "valid"), (30, "valid"), (-1, "expired")],
)
def test_the_valid_rule_is_the_same_for_one_certificate_and_for_a_query(
    issued, learner, expires_in_days, status
):
    expires_on = None
    if expires_in_days is not None:
        expires_on = timezone.localdate() + timedelta(days=expires_in_days)
    Certificate.objects.filter(pk=issued.pk).update(expires_on=expires_on)
    issued.refresh_from_db()
    assert api.public_status(issued) == status
    assert issued.is_valid is (status == "valid")
    assert (issued in api.valid_certificates(learner)) is (status == "valid")


def test_revoked_and_superseded_certificates_are_not_valid(
    issued, learner, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(certificate=issued, actor=staff, reason="Typo", name="Eric N.")
    issued.refresh_from_db()
    assert api.public_status(issued) == "superseded"
    assert list(api.valid_certificates(learner)) == [new]
    # A superseded certificate lives on in its replacement: it no longer stands.
    assert api.standing_certificates(learner, course_ids=[new.course_id]) == [new]
    # The lineage reaches back from the newest certificate to every one it replaced.
    assert api.certificate_lineage(new.pk) == {new.pk, issued.pk}
    assert api.certificate_lineage(issued.pk) == {issued.pk}

    before = timezone.now()
    new = certificate_revoke(certificate=new, actor=staff, reason="Exam fraud found")
    assert api.public_status(api.certificate_get(new.pk)) == "revoked"
    assert list(api.valid_certificates(learner)) == []
    assert api.certificates_revoked_since(before) == [new.pk]
    assert api.certificates_revoked_since(timezone.now() + timedelta(seconds=1)) == []


def test_valid_certificates_can_be_limited_to_some_courses(
    issued, course, learner, template, django_capture_on_commit_callbacks
):
    from tests.courses import factories

    other = factories.course(course.get_parent(), "Drying maize", certificate_template=template)
    with django_capture_on_commit_callbacks(execute=True):
        from certificates.services import certificate_issue_for_completion

        second = certificate_issue_for_completion(completion_id=complete(other, learner).pk)
    assert list(api.valid_certificates(learner)) == [second, issued]  # newest first
    assert list(api.valid_certificates(learner, courses=[other.pk])) == [second]
    assert list(api.valid_certificates(learner, courses=[])) == []
