"""Importing a roster file: what the database knows about its addresses, then the import in one
transaction with the cohort row locked, or nothing. Everyone goes through ``cohort_enrol``."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.api import profile_for
from lms.cohorts.models import Cohort, CohortImport
from lms.cohorts.roster_import.parsing import check_rows, parse_csv
from lms.cohorts.roster_import.results import (
    EMAIL_BATCH,
    LOOKUP_CHUNK,
    CheckResult,
    Existing,
    ImportResult,
    failed,
)
from lms.cohorts.services import cohort_enrol
from lms.errors import LmsError
from lms.models import Enrolment

logger = logging.getLogger(__name__)


def _chunks(values: list, size: int) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_accounts(*, cohort: Cohort, emails: Iterable[str]) -> dict[str, Existing]:
    """Accounts for these (lower-case) addresses, with their place in the cohort's course.
    Two queries per 500 addresses."""
    found: dict[str, Existing] = {}
    users = get_user_model().objects.annotate(email_lower=Lower("email"))
    for chunk in _chunks(sorted(set(emails)), LOOKUP_CHUNK):
        for pk, email, active in users.filter(email_lower__in=chunk).values_list(
            "pk", "email_lower", "is_active"
        ):
            found[email] = Existing(user_id=pk, active=active)
    by_user = {entry.user_id: entry for entry in found.values()}
    for chunk in _chunks(sorted(by_user), LOOKUP_CHUNK):
        rows = (
            Enrolment.objects.filter(course_id=cohort.course_id, learner_id__in=chunk)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .exclude(cohort=None)
            .values_list("learner_id", "cohort_id", "cohort__name")
        )
        for learner_id, cohort_id, name in rows:
            if cohort_id == cohort.pk:
                by_user[learner_id].member = True
            else:
                by_user[learner_id].other_cohort = name
    return found


def cohort_import_check(*, cohort: Cohort, data: bytes) -> CheckResult:
    """Check a file against a cohort without changing anything."""
    parsed = parse_csv(data)
    if parsed.file_error is not None:
        return check_rows(parsed, existing={}, seats_left=cohort.seats_left)
    existing = existing_accounts(cohort=cohort, emails=[row.email for row in parsed.rows])
    return check_rows(parsed, existing=existing, seats_left=cohort.seats_left)


def cohort_import_csv(*, cohort: Cohort, data: bytes, actor) -> ImportResult:
    """Import a clean file into the cohort in one transaction; import nothing from a file with
    any bad row (the result lists them). Safe to repeat: people already in the cohort are
    skipped, and a file that changes nothing leaves no record."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        result = _import(cohort=cohort, data=data, actor=actor, digest=digest)
    except (LmsError, IntegrityError) as error:
        # Only a race gets here: the check ran inside the transaction with the cohort locked,
        # but an account can still be created (a signup) or an enrolment made in another
        # cohort of the course meanwhile. The transaction rolled back as a whole.
        logger.warning("cohort %s import rolled back: %r", cohort.pk, error)
        check = failed(
            "changed",
            _(
                "Something changed while the file was being imported (an account was created "
                "or a seat taken), so nothing was imported. Upload the file again."
            ),
        )
        result = ImportResult(check=check)
    previous = CohortImport.objects.filter(cohort=cohort, file_sha256=digest)
    if result.record is not None:
        previous = previous.exclude(pk=result.record.pk)
    result.previous = previous.order_by("-at").first()
    return result


@transaction.atomic(durable=True)
def _import(*, cohort: Cohort, data: bytes, actor, digest: str) -> ImportResult:
    # The lock keeps the seat count still between the check and the enrolments: cohort_enrol's
    # conditional UPDATE of this row waits for our commit.
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check = cohort_import_check(cohort=locked, data=data)
    result = ImportResult(check=check, already=len(check.already))
    if not check.ok or not check.changes_anything:
        return result

    from allauth.account.models import EmailAddress

    users = get_user_model().objects
    roles: dict[str, str] = {}
    invited_ids: list[int] = []
    addresses = []
    for row in check.to_invite:
        user = users.create_user(email=row.email, password=None)
        profile = profile_for(user)
        profile.full_name = row.full_name
        profile.organisation = row.organisation
        profile.preferred_language = row.language
        profile.save()
        # Verified: nobody can sign in to this account without the set-password link, which
        # only goes to this address (or a reset link, ditto). Whoever uses it has shown they
        # read that mailbox, and a second "confirm your address" e-mail would stand between an
        # invited delegate and the course for nothing.
        addresses.append(EmailAddress(user=user, email=user.email, verified=True, primary=True))
        cohort_enrol(cohort=locked, learner=user, actor=actor)
        invited_ids.append(user.pk)
        if row.role:
            roles[str(user.public_id)] = row.role
    EmailAddress.objects.bulk_create(addresses)

    enrolled_ids: list[int] = []
    known = users.in_bulk([user_id for _row, user_id in check.to_enrol])
    for row, user_id in check.to_enrol:
        learner = known[user_id]
        cohort_enrol(cohort=locked, learner=learner, actor=actor)
        enrolled_ids.append(user_id)
        if row.role:
            roles[str(learner.public_id)] = row.role

    result.record = CohortImport.objects.create(
        cohort=locked,
        uploaded_by=actor,
        file_sha256=digest,
        rows=check.total_rows,
        invited=len(invited_ids),
        enrolled=len(enrolled_ids),
        skipped=len(check.already),
        roles=roles,
    )
    result.imported = True
    result.invited = len(invited_ids)
    result.enrolled = len(enrolled_ids)
    for batch in _chunks(
        [("invite", pk) for pk in invited_ids] + [("enrolled", pk) for pk in enrolled_ids],
        EMAIL_BATCH,
    ):
        from lms.cohorts.tasks import cohort_import_emails_task

        cohort_import_emails_task.delay_on_commit(
            cohort_id=locked.pk,
            invited_ids=[pk for kind, pk in batch if kind == "invite"],
            enrolled_ids=[pk for kind, pk in batch if kind == "enrolled"],
        )
    logger.info(
        "cohort %s import by %s: %s invited, %s enrolled, %s already in",
        locked.pk,
        getattr(actor, "pk", None),
        result.invited,
        result.enrolled,
        result.already,
    )
    return result
