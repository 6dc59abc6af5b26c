"""Reviewer decisions on storefront applications: approve, request changes, reject.

Each decision is taken on a submitted application under a row lock, so two reviewers clicking at
once cannot both decide (the second one gets a ReviewError). In the same transaction it writes
the audit row (ApplicationEvent), an entry in Wagtail's log (shown in the admin's history
reports) and, for an approval, the storefront with its outbox row (outbox/writers.py).

The e-mail to the applicant is a Celery task enqueued once that transaction has committed (a
rolled-back decision must not tell anyone anything), so a mail server that is down delays it
(the task retries) instead of losing it, and nothing in it can fail the reviewer's request.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from certificates.api import public_status
from core.email import email_to
from core.links import absolute_url
from marketplace_link.models import ApplicationEvent, Storefront, StorefrontApplication

logger = logging.getLogger(__name__)

Status = StorefrontApplication.Status
Action = ApplicationEvent.Action
MESSAGE_MAX_LENGTH = 2000

# Actions in Wagtail's audit log (registered in wagtail_hooks.py).
LOG_APPROVE = "marketplace_link.approve"
LOG_REQUEST_CHANGES = "marketplace_link.request_changes"
LOG_REJECT = "marketplace_link.reject"
LOG_STOREFRONT_RETRY = "marketplace_link.storefront_retry"

# certificate_status() values as reviewers read them.
CERTIFICATE_STATUS_LABELS = {
    "valid": gettext_lazy("Valid"),
    "expired": gettext_lazy("Expired"),
    "revoked": gettext_lazy("Revoked"),
    "superseded": gettext_lazy("Superseded"),
    "pending": gettext_lazy("Not issued yet"),
}
# The decisions that e-mail the applicant; each names its templates.
EMAILED_DECISIONS = (Action.APPROVED, Action.CHANGES_REQUESTED, Action.REJECTED)


class ReviewError(Exception):
    """A decision refused: nothing was changed. ``code`` says why, for views and tests."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def application_approve(application: StorefrontApplication, *, actor) -> Storefront:
    """Approve a submitted application and start provisioning its storefront.

    The storefront, its listings and the PROVISION outbox row are written by provisioning in
    this same transaction, so an approval without a storefront (or the reverse) cannot exist.
    """
    from marketplace_link.outbox import storefront_create_for

    locked = _lock_submitted(application, actor=actor)
    # The certificate is what earns the storefront: a revoked or expired one since submission
    # must not be approved. It is read under its row lock (_lock_submitted), which a revocation
    # also takes: a revocation either committed first (and is seen here), or waits for this
    # approval to commit and then finds the storefront to suspend.
    if certificate_status(locked) != "valid":
        raise ReviewError(
            _(
                "The applicant's qualifying certificate is no longer valid. Reject the "
                "application or ask the applicant to apply again with a valid certificate."
            ),
            "certificate_invalid",
        )
    event = _record(locked, actor=actor, status=Status.APPROVED, action=Action.APPROVED, message="")
    storefront = storefront_create_for(locked)
    log(locked, LOG_APPROVE, user=actor, data={"storefront": storefront.pk})
    _email_on_commit(event)
    _sync(application, locked)
    return storefront


@transaction.atomic
def application_request_changes(
    application: StorefrontApplication, *, actor, message: str
) -> StorefrontApplication:
    """Send a submitted application back to its applicant, who can edit it and submit again."""
    message = _required(message, _("Write what the applicant should change."))
    locked = _lock_submitted(application, actor=actor)
    event = _record(
        locked,
        actor=actor,
        status=Status.CHANGES_REQUESTED,
        action=Action.CHANGES_REQUESTED,
        message=message,
    )
    log(locked, LOG_REQUEST_CHANGES, user=actor, data={"message": message})
    _email_on_commit(event)
    return _sync(application, locked)


@transaction.atomic
def application_reject(
    application: StorefrontApplication, *, actor, reason: str
) -> StorefrontApplication:
    """Reject a submitted application. The applicant may start a new one later."""
    reason = _required(reason, _("Give the reason for the rejection; the applicant will read it."))
    locked = _lock_submitted(application, actor=actor)
    event = _record(
        locked, actor=actor, status=Status.REJECTED, action=Action.REJECTED, message=reason
    )
    log(locked, LOG_REJECT, user=actor, data={"reason": reason})
    _email_on_commit(event)
    return _sync(application, locked)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def _required(text: str, error: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ReviewError(error, "message_required")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ReviewError(
            _("Keep it under %(limit)d characters.") % {"limit": MESSAGE_MAX_LENGTH},
            "message_too_long",
        )
    return text


def _lock_submitted(application: StorefrontApplication, *, actor) -> StorefrontApplication:
    # The application and its certificate, locked (certificates' revocation locks the same
    # certificate row); not the applicant's account.
    locked = (
        StorefrontApplication.objects.select_for_update(of=("self", "certificate"))
        .select_related("applicant", "certificate")
        .get(pk=application.pk)
    )
    if locked.status != Status.SUBMITTED:
        raise ReviewError(
            _("This application is “%(status)s”: only a submitted application can be decided.")
            % {"status": locked.get_status_display()},
            "not_submitted",
        )
    if actor is not None and actor.pk == locked.applicant_id:
        raise ReviewError(
            _("You cannot decide on your own application: another reviewer must."),
            "own_application",
        )
    return locked


def certificate_status(application: StorefrontApplication) -> str:
    """The public status of the application's qualifying certificate ("valid", "expired",
    "revoked", "superseded", or "pending")."""
    return public_status(application.certificate)


def _record(application, *, actor, status: str, action: str, message: str) -> ApplicationEvent:
    application.status = status
    application.review_message = message
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.save(
        update_fields=["status", "review_message", "decided_at", "decided_by", "updated_at"]
    )
    return ApplicationEvent.objects.create(
        application=application, action=action, actor=actor, message=message
    )


def _sync(application: StorefrontApplication, locked: StorefrontApplication):
    """The caller's instance shows the decision too (views redirect with it, tests read it)."""
    for field in ("status", "review_message", "decided_at", "decided_by_id", "updated_at"):
        setattr(application, field, getattr(locked, field))
    return application


# ---------------------------------------------------------------------------------------------
# E-mail to the applicant, in their language
# ---------------------------------------------------------------------------------------------
def _email_on_commit(event: ApplicationEvent) -> None:
    from marketplace_link.tasks import send_decision_email_task

    event_id = event.pk

    def enqueue_decision_email() -> None:
        send_decision_email_task.delay(event_id)

    # robust: the decision has committed; a broker that refuses the task (or, with eager
    # tasks, a mail server that is down) is logged, never a 500 for the reviewer. A plain
    # function, not a partial: Django names the callback in that log.
    transaction.on_commit(enqueue_decision_email, robust=True)


def decision_message(
    application: StorefrontApplication, decision: str, message: str = ""
) -> EmailMessage:
    """The e-mail for ``decision`` (approved, changes_requested or rejected), rendered in the
    applicant's language, with the reviewer's ``message``."""
    user = application.applicant
    # To the account's verified address, not the business contact (which nobody verified).
    return email_to(
        user,
        f"marketplace_link/email/{decision}",
        lambda: {
            "name": user.get_short_name(),
            "application": application,
            "trading_name": str(application),
            "message": message,
            "dashboard_url": absolute_url(reverse("dashboard")),
        },
    )


def decision_email_send(*, event_id: int) -> bool:
    """Send the e-mail for the decision recorded as ApplicationEvent ``event_id`` (the event,
    not the application: its message is the one this decision gave, even if a later decision
    changed the application since). Returns False when nothing was sent. A mail server error
    (an OSError) is raised for the task to retry; the decision itself stands either way."""
    event = (
        ApplicationEvent.objects.select_related("application__applicant")
        .filter(pk=event_id, action__in=EMAILED_DECISIONS)
        .first()
    )
    if event is None or not event.application.applicant.is_active:
        return False
    # Claimed before sending: a redelivered task finds it taken. Given back if the send fails,
    # so the retry sends it (at most once, unless a worker dies between claim and send; the
    # applicant also sees the decision on their dashboard).
    claimed = ApplicationEvent.objects.filter(pk=event_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        logger.info("Decision e-mail for event %s already sent", event_id)
        return False
    try:
        decision_message(event.application, event.action, event.message).send()
    except BaseException:
        ApplicationEvent.objects.filter(pk=event_id).update(emailed_at=None)
        raise
    return True
