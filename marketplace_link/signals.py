"""Revocation follows through: a storefront whose qualifying certificate is revoked is suspended
at the marketplace (through the outbox) and its seller is told why, in their language.

certificates sends ``certificate_revoked`` after the revocation commits (certificates/signals.py);
the receiver is connected in MarketplaceLinkConfig.ready.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from accounts.api import profile_for
from lms.api import absolute_url, language_for
from marketplace_link.models import Storefront

logger = logging.getLogger(__name__)


def on_certificate_revoked(sender, certificate, **kwargs) -> None:
    storefronts_suspend_for_certificate(certificate=certificate)


def storefronts_suspend_for_certificate(*, certificate) -> list[Storefront]:
    from marketplace_link.provisioning import storefront_suspend
    from marketplace_link.tasks import send_suspension_email_task

    suspended = []
    storefronts = Storefront.objects.filter(application__certificate=certificate).exclude(
        status=Storefront.Status.SUSPENDED
    )
    for storefront in storefronts:
        with transaction.atomic():
            # The reason kept on the storefront (staff and the seller's dashboard) is written in
            # the site's language; the e-mail says it in the seller's.
            public = gettext("The qualifying certificate %(code)s was revoked.") % {
                "code": certificate.code
            }
            reason = f"{public} {certificate.revoked_reason}".strip()
            # The marketplace (and its consumers) get the plain fact, not staff's wording.
            storefront_suspend(storefront, reason=reason, marketplace_reason=public)
            send_suspension_email_task.delay_on_commit(storefront.pk, certificate.revoked_reason)
        suspended.append(storefront)
    return suspended


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
    language = language_for(user=user)
    with translation.override(language):
        context = {
            "name": profile_for(user).display_name,
            "storefront_name": str(application),
            "course_title": application.certificate.course_title,
            "reason": reason,
            "dashboard_url": absolute_url("/dashboard/"),
        }
        subject = " ".join(
            render_to_string(
                "marketplace_link/email/storefront_suspended_subject.txt", context
            ).split()
        )
        body = render_to_string("marketplace_link/email/storefront_suspended_body.txt", context)
    EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    ).send()
    return True
