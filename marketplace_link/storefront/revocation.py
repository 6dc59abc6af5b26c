"""Revocation follows through: a storefront whose qualifying certificate is revoked is suspended
at the marketplace (through the outbox) and its seller is told why, in their language.

certificates sends ``certificate_revoked`` after the revocation commits (certificates/signals.py);
the receiver, connected in MarketplaceLinkConfig.ready, only enqueues the suspension task.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from certificates.api import certificate_get, certificate_lineage, certificates_revoked_since
from core.email import email_to
from core.language import language_for
from core.links import absolute_url
from marketplace_link.models import Storefront

logger = logging.getLogger(__name__)


def on_certificate_revoked(sender, certificate_id: int, **kwargs) -> None:
    # Runs inside staff's request, after the revocation committed: only enqueue. The task
    # retries what fails, instead of staff getting a 500 for a revocation that is done.
    from marketplace_link.tasks import suspend_for_certificate_task

    def enqueue_suspension() -> None:
        suspend_for_certificate_task.delay(certificate_id)

    # robust: a broker that refuses the task (or, with in-process tasks, a marketplace that
    # keeps failing) is logged, not a 500; the revocation sweep (tasks.py) follows it through.
    transaction.on_commit(enqueue_suspension, robust=True)


def revocations_follow_through(*, within: timedelta = timedelta(days=7)) -> int:
    """Certificates revoked lately whose storefronts are not suspended yet (their task was lost
    with a broker that was down): suspend them now. Idempotent. Returns how many it suspended."""
    revoked = certificates_revoked_since(timezone.now() - within)
    return sum(len(storefronts_suspend_for_certificate(certificate_id=pk)) for pk in revoked)


def storefronts_suspend_for_certificate(*, certificate_id: int) -> list[Storefront]:
    from marketplace_link.outbox import storefront_suspend
    from marketplace_link.tasks import send_suspension_email_task

    certificate = certificate_get(certificate_id)
    suspended = []
    # A reissue supersedes the old certificate while the application still points at it, so
    # revoking the new one must reach that application: every certificate of its lineage counts.
    storefronts = (
        Storefront.objects.filter(
            application__certificate_id__in=certificate_lineage(certificate_id)
        )
        .exclude(status=Storefront.Status.SUSPENDED)
        .select_related("application__applicant__profile")
    )
    for storefront in storefronts:
        # Written in the seller's language (the storefront's reason is shown on their
        # dashboard), never in whichever language the revoking staff member's request had.
        with translation.override(language_for(user=storefront.application.applicant)):
            public = _revoked_sentence(certificate)
        # The marketplace (and its consumers) get the plain fact in the contract's language,
        # not staff's wording.
        with translation.override("en"):
            marketplace_reason = _revoked_sentence(certificate)
        reason = f"{public} {certificate.revoked_reason}".strip()
        with transaction.atomic():
            changed = storefront_suspend(
                storefront, reason=reason, marketplace_reason=marketplace_reason
            )
            if changed:
                send_suspension_email_task.delay_on_commit(
                    storefront.pk, certificate.revoked_reason
                )
        suspended.append(storefront)
    return suspended


def _revoked_sentence(certificate) -> str:
    return gettext("The qualifying certificate %(code)s was revoked.") % {"code": certificate.code}


def suspension_email_send(*, storefront_id: int, reason: str) -> bool:
    storefront = (
        Storefront.objects.select_related("application__applicant", "application__certificate")
        .filter(pk=storefront_id)
        .first()
    )
    if storefront is None:
        return False
    application = storefront.application
    user = application.applicant
    if not user.is_active:
        return False
    # Claimed before sending, so a duplicate task, or a redelivery of one whose worker died
    # after sending, finds it claimed: at most once, except that a send that raises releases
    # the claim so the retry can send (an SMTP error nearly always means "not accepted"; one
    # raised after acceptance would repeat it). A worker killed between the claim and the send
    # loses the e-mail; the seller still sees the suspension on their dashboard.
    claimed_at = timezone.now()
    claimed = Storefront.objects.filter(
        pk=storefront_id, status=Storefront.Status.SUSPENDED, suspension_notified_at__isnull=True
    ).update(suspension_notified_at=claimed_at)
    if not claimed:
        return False
    try:
        _send(application, reason)
    except BaseException:
        Storefront.objects.filter(pk=storefront_id, suspension_notified_at=claimed_at).update(
            suspension_notified_at=None
        )
        raise
    return True


def _send(application, reason: str) -> None:
    user = application.applicant
    email_to(
        user,
        "marketplace_link/email/storefront_suspended",
        lambda: {
            "name": user.get_short_name(),
            "storefront_name": str(application),
            "course_title": application.certificate.course_title,
            "reason": reason,
            "dashboard_url": absolute_url(reverse("dashboard")),
        },
    ).send()
