"""Status list slots: drawn at random (not from the primary key), one certificate per slot even
when workers race, a full list opens the next, and certificates signed before the change keep
the slot their credential names."""

from __future__ import annotations

import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from certificates import status
from certificates.credential import credential_sign, credential_unsigned
from certificates.models import STATUS_LIST_SIZE, Certificate
from certificates.services import certificate_issue, certificate_revoke
from certificates.verification import credential_verify
from tests.accounts.factories import UserFactory

migration = importlib.import_module("certificates.migrations.0002_status_slot_drawn_at_random")


@pytest.fixture(autouse=True)
def fast_renderer(settings):
    settings.ISOKO_CERTIFICATE_RENDERER = "tests.certificates.renderers.tiny_pdf"


def pending(course, count: int) -> list[Certificate]:
    return [
        Certificate.objects.create(
            learner=UserFactory(), course=course, name=f"Learner {n}", course_title=course.title
        )
        for n in range(count)
    ]


def assign(certificate: Certificate) -> Certificate:
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        status.status_slot_assign(locked)
    return locked


def slots(certificates) -> list[tuple[int, int]]:
    pks = [c.pk for c in certificates]
    rows = {
        pk: (number, index)
        for pk, number, index in Certificate.objects.filter(pk__in=pks).values_list(
            "pk", "status_list", "status_index"
        )
    }
    return [rows[pk] for pk in pks]


@pytest.mark.django_db
def test_issued_certificates_get_random_slots_that_say_nothing_of_their_order(
    course, django_capture_on_commit_callbacks
):
    certificates = pending(course, 12)
    with django_capture_on_commit_callbacks(execute=True):
        issued = [certificate_issue(certificate_id=c.pk) for c in certificates]
    indexes = [c.status_index for c in issued]
    assert {c.status_list for c in issued} == {0}
    assert len(set(indexes)) == 12
    assert indexes != sorted(indexes)  # 1 chance in 12! (4.8e8) to be sorted by luck
    assert indexes != [c.pk % STATUS_LIST_SIZE for c in issued]
    # Spread over the whole list, not packed at its start (each below 2^16 with odds 1/2).
    assert max(indexes) >= 2**16 or min(indexes) >= 2**10
    for certificate in issued:
        entry = certificate.credential["credentialStatus"]
        assert entry["statusListIndex"] == str(certificate.status_index)
        assert credential_verify(certificate.credential).status == "valid"


@pytest.mark.django_db
def test_a_redelivery_signs_with_the_slot_first_drawn(course):
    (certificate,) = pending(course, 1)
    first = assign(certificate)
    again = assign(Certificate.objects.get(pk=certificate.pk))
    assert (again.status_list, again.status_index) == (first.status_list, first.status_index)


@pytest.mark.django_db
def test_a_slot_taken_meanwhile_is_given_up_for_another_draw(course, monkeypatch):
    """The database refuses a second certificate on one slot; the loser draws again."""
    winner, loser = pending(course, 2)
    assign(winner)
    taken = (winner.status_list, Certificate.objects.get(pk=winner.pk).status_index)
    draws = iter([taken, taken, (0, (taken[1] + 1) % STATUS_LIST_SIZE)])
    monkeypatch.setattr(status, "_draw", lambda: next(draws))
    assert slots([assign(loser)]) == [(0, (taken[1] + 1) % STATUS_LIST_SIZE)]
    assert next(draws, "spent") == "spent"


@pytest.mark.django_db
def test_a_full_list_opens_the_next(course, monkeypatch):
    monkeypatch.setattr(status, "LIST_CAPACITY", 3)
    certificates = [assign(c) for c in pending(course, 5)]
    got = slots(certificates)
    assert [number for number, _ in got] == [0, 0, 0, 1, 1]
    assert {index for number, index in got if number == 0} == {0, 1, 2}
    assert all(index < 3 for _, index in got)


@pytest.mark.django_db
def test_certificates_signed_before_keep_the_slot_their_credential_names(
    course, django_capture_on_commit_callbacks
):
    """The data migration gives existing certificates their primary-key slot, changing no
    credential, and those credentials verify (and revoke) through the new lists."""
    old, other = pending(course, 2)
    migration.keep_the_slots_of_existing_certificates(apps, None)
    with django_capture_on_commit_callbacks(execute=True):
        old, other = (certificate_issue(certificate_id=c.pk) for c in (old, other))
    for certificate in (old, other):
        assert (certificate.status_list, certificate.status_index) == (
            certificate.pk // STATUS_LIST_SIZE,
            certificate.pk % STATUS_LIST_SIZE,
        )
        assert certificate.credential["credentialStatus"]["statusListIndex"] == str(
            certificate.pk % STATUS_LIST_SIZE
        )
    signed = {c.pk: c.credential for c in Certificate.objects.all()}
    migration.keep_the_slots_of_existing_certificates(apps, None)  # changes no credential
    assert {c.pk: c.credential for c in Certificate.objects.all()} == signed
    certificate_revoke(certificate=old, actor=None, reason="Exam fraud")
    assert credential_verify(old.credential).status == "revoked"
    assert credential_verify(other.credential).status == "valid"


@pytest.mark.django_db
def test_the_database_refuses_two_certificates_on_one_slot(course):
    from django.db import IntegrityError

    first, second = pending(course, 2)
    Certificate.objects.filter(pk=first.pk).update(status_list=0, status_index=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=second.pk).update(status_list=0, status_index=5)


@pytest.mark.django_db
def test_a_signed_credential_cannot_lose_its_slot(course):
    from django.db import IntegrityError

    (certificate,) = pending(course, 1)
    assign(certificate)
    certificate.refresh_from_db()
    certificate.issued_at = timezone.now()
    certificate.credential = credential_sign(credential_unsigned(certificate))
    certificate.save(update_fields=["issued_at", "credential"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(status_list=None, status_index=None)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_slots_never_share_one(course, monkeypatch):
    """Eight workers at once, each on its own connection, with a list of six slots: every draw
    contends, the list fills and the next one opens, and no two certificates share a slot."""
    monkeypatch.setattr(status, "LIST_CAPACITY", 6)
    certificates = pending(course, 8)
    start, errors = threading.Barrier(len(certificates)), []

    def work(certificate):
        try:
            start.wait(10)
            assign(certificate)
        except BaseException as error:  # noqa: BLE001  (reported to the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in certificates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    got = slots(certificates)
    assert len(set(got)) == 8
    assert sorted(number for number, _ in got) == [0] * 6 + [1] * 2
