"""The "certificate revoked" event: sent once the revocation commits, never for one that rolled
back, with the certificate's id."""

import pytest
from django.db import transaction

from certificates.api import certificate_revoked
from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))

    certificate_revoked.connect(receiver, dispatch_uid="tests.revocation_probe")
    yield calls
    certificate_revoked.disconnect(dispatch_uid="tests.revocation_probe")


def test_sent_after_the_revocation_commits(issued, received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate_revoke(certificate=issued, actor=StaffFactory(), reason="Fraud")
    assert received == []  # revoked, not committed yet: nothing sent
    for callback in callbacks:
        callback()  # the commit
    assert received == [(Certificate, {"signal": certificate_revoked, "certificate_id": issued.pk})]


def test_not_sent_for_a_revocation_that_rolled_back(
    issued, received, django_capture_on_commit_callbacks
):
    class Failed(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Failed), transaction.atomic():
            certificate_revoke(certificate=issued, actor=StaffFactory(), reason="Fraud")
            raise Failed
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.ISSUED
    assert received == []
