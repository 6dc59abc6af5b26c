"""Reviewers hear of each submission by e-mail, so an application does not wait for someone to
open the admin. Each reviewer reads it in their own language.

Sent at least once: a redelivered task may send it twice. That is harmless to staff, and a
record of what was sent would cost a table for it.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.mail import EmailMessage
from django.urls import reverse

from core.email import email_to
from core.links import absolute_url
from marketplace_link.models import StorefrontApplication
from marketplace_link.setup import REVIEW_PERMISSION

logger = logging.getLogger(__name__)


def reviewers():
    """Active users who may review (through a group or their own permissions); the superusers
    only when nobody else may, so a submission never goes unheard."""
    # Permissions are the model backend's (allauth's backend sits beside it).
    chosen = ModelBackend().with_perm(REVIEW_PERMISSION, is_active=True, include_superusers=False)
    if not chosen.exists():
        chosen = get_user_model().objects.filter(is_active=True, is_superuser=True)
    return chosen.select_related("profile").order_by("pk")


def submission_message(application: StorefrontApplication, reviewer) -> EmailMessage:
    return email_to(
        reviewer,
        "marketplace_link/email/reviewers_submitted",
        lambda: {
            "trading_name": str(application),
            "sector": application.get_sector_display(),
            "district": application.get_district_display(),
            "resubmitted": application.events.filter(action="submitted").count() > 1,
            "review_url": absolute_url(
                reverse("storefront_applications:detail", args=[application.pk])
            ),
        },
    )


def reviewers_notify(*, application_id: int) -> int:
    """E-mail every reviewer about a submitted application; returns how many were sent. SMTP
    errors propagate, so the task retries."""
    application = StorefrontApplication.objects.filter(
        pk=application_id, status=StorefrontApplication.Status.SUBMITTED
    ).first()
    if application is None:  # already decided (or withdrawn) by the time the task ran
        return 0
    messages = [submission_message(application, reviewer) for reviewer in reviewers()]
    for message in messages:
        message.send()
    logger.info("Application %s: %d reviewers told", application_id, len(messages))
    return len(messages)
