"""The demo seller's storefront application for ``seed_demo``, submitted for review (the demo
package holds the data and images).

A visitor reaches the demo's payoff in a few clicks: a storefront reviewer approves it in the
admin, the sandbox marketplace reviews the store, and it goes live on /storefronts/. The
application is made through the applicant's own services (start, details, images, a product,
submit), so it is exactly what the five-step form would have saved. Idempotent: an existing
application is left alone, whatever a reviewer has done with it since.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from certificates.api import certificate_issue_for_completion
from courses.api import storefront_courses
from lms.api import completion_ids
from marketplace_link.application.eligibility import qualifying_certificate
from marketplace_link.application.services import (
    application_save_details,
    application_save_images,
    application_start,
    application_submit,
    product_save,
)
from marketplace_link.models import StorefrontApplication


def _certificate(user):
    """The applicant's storefront certificate. With a broker, the issuing task queued when the
    demo graduated them may not have run yet (the worker starts after seeding): issue it here
    instead; the queued task then finds it issued and does nothing."""
    certificate = qualifying_certificate(user)
    if certificate is not None:
        return certificate
    courses = storefront_courses().values_list("pk", flat=True)
    for completion_id in completion_ids(learner=user, course_ids=courses):
        certificate_issue_for_completion(completion_id=completion_id)
    return qualifying_certificate(user)


def demo_storefront_application(
    *,
    applicant: str,
    details: dict,
    logo: ContentFile,
    product: dict,
    product_images: list[ContentFile],
) -> StorefrontApplication | None:
    """The applicant's (by e-mail address) application with these details, logo and one product,
    submitted; none if they have no qualifying certificate."""
    user = get_user_model().objects.filter(email=applicant).first()
    if user is None:
        return None
    existing = StorefrontApplication.objects.filter(applicant=user).first()
    if existing is not None:
        return existing
    if _certificate(user) is None:
        return None
    with transaction.atomic():
        application = application_start(user)
        application = application_save_details(application, fields=details)
        application = application_save_images(application, logo=logo)
        product_save(application, fields=product, new_images=product_images)
        return application_submit(application, actor=user)
