"""The import's e-mails, sent in batches by a Celery task after commit: invitations with a
set-password link (its token is made when the e-mail is sent, so its validity,
PASSWORD_RESET_TIMEOUT, starts then) and "you are enrolled" notices."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.email import email_to
from core.language import language_for
from core.links import absolute_url
from lms.cohorts.models import Cohort
from lms.models import Enrolment

logger = logging.getLogger(__name__)


class EmailsInterrupted(Exception):
    """The mail server failed part-way through a batch: these people got nothing yet."""

    def __init__(self, error: Exception, invited_ids: list[int], enrolled_ids: list[int]):
        super().__init__(str(error))
        self.error = error
        self.invited_ids = invited_ids
        self.enrolled_ids = enrolled_ids


def set_password_url(user, *, language: str) -> str:
    """The invitation's "Set your password" link for this user, in their language
    (lms/cohorts/views/invitation.py). Its key is allauth's reset key: allauth checks it with its
    own token generator (Django's, plus the account's addresses in the hash), so the key must
    come from that one too: a token from Django's default_token_generator fails."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    with translation.override(language):
        path = reverse(
            "lms_cohort_welcome",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    return absolute_url(path)


def _context(*, cohort: Cohort, user, language: str) -> dict:
    with translation.override(language):
        return {
            "name": user.get_short_name(),
            "email": user.email,
            "cohort_name": cohort.name,
            "course_title": cohort.course.title,
            "starts_on": date_format(cohort.starts_on, "DATE_FORMAT"),
            "ends_on": date_format(cohort.ends_on, "DATE_FORMAT"),
            "dashboard_url": absolute_url(reverse("dashboard")),
            "reset_url": absolute_url(reverse("account_reset_password")),
        }


def cohort_import_emails_send(
    *, cohort_id: int, invited_ids: list[int], enrolled_ids: list[int]
) -> int:
    """Send the invitations and "you are enrolled" notices of one batch, in each person's
    language, over one connection. Returns how many went out.

    Checked again at send time: an invitation only to an account that still has no password
    and has never signed in (so a redelivered task does not invite someone who has already
    joined), a notice only to someone still in the cohort."""
    cohort = Cohort.objects.select_related("course").filter(pk=cohort_id).first()
    if cohort is None:
        return 0
    users = get_user_model().objects.select_related("profile")
    invitees = users.filter(pk__in=invited_ids, is_active=True, last_login=None).order_by("pk")
    members = set(
        Enrolment.objects.filter(cohort=cohort, learner_id__in=enrolled_ids)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    enrollees = users.filter(pk__in=members, is_active=True).order_by("pk")
    pending_invites = [user.pk for user in invitees]
    pending_notices = [user.pk for user in enrollees]
    sent = 0
    with get_connection() as connection:
        for user in invitees:
            if user.has_usable_password():
                pending_invites.remove(user.pk)
                continue
            language = language_for(user=user)
            context = _context(cohort=cohort, user=user, language=language)
            context["set_password_url"] = set_password_url(user, language=language)
            context["valid_days"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
            message = email_to(user, "lms/email/cohort_invitation", context, language=language)
            _send(message, connection, pending_invites, pending_notices)
            pending_invites.remove(user.pk)
            sent += 1
        for user in enrollees:
            language = language_for(user=user)
            context = _context(cohort=cohort, user=user, language=language)
            message = email_to(user, "lms/email/cohort_enrolled", context, language=language)
            _send(message, connection, pending_invites, pending_notices)
            pending_notices.remove(user.pk)
            sent += 1
    logger.info("cohort %s import e-mails: %s sent", cohort_id, sent)
    return sent


def _send(message, connection, pending_invites: list[int], pending_notices: list[int]) -> None:
    message.connection = connection
    try:
        message.send()
    except OSError as error:  # SMTP errors are OSErrors
        raise EmailsInterrupted(error, list(pending_invites), list(pending_notices)) from error
