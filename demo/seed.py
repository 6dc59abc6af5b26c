"""Publish the demo (``demo/content``) through each app's own services. Idempotent.

Every content file is read and checked first (``demo.content.load``): a bad file stops the seed
before anything is written. The order matters: the reviewers' group before the courses, the
editorial setup before and after them (publishing a course grants its trainers' rights; the new
catalogue pages then get the review workflow), the graduates before the storefront application
that needs their certificate.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile

from accounts.api import demo_groups_ensure, demo_user_ensure
from courses.api import demo_curriculum_seed, editorial_setup, seed_demo_site
from demo.content import DemoContent, load
from lms.api import demo_cohort_ensure, demo_graduate
from marketplace_link.api import demo_storefront_application, demo_storefront_reviewers

# A shared, published password: seed_demo runs only under the dev settings.
DEMO_PASSWORD = os.environ.get("ISOKO_DEMO_PASSWORD", "isoko-demo-2026")


@dataclass(frozen=True)
class Seeded:
    home_title: str
    courses: int
    logins: list[str]  # e-mail addresses, in the order of users.yaml


def seed(root: Path | None = None) -> Seeded:
    content = load(root)  # raises ContentError, naming the file and place, before any write
    home = seed_demo_site()
    _users(content.users)
    # The accounts in the "Reviewers" group also review storefront applications.
    demo_storefront_reviewers(
        [user["email"] for user in content.users["users"] if "Reviewers" in user["groups"]]
    )
    editorial_setup()  # before the courses, so publishing them grants their trainers' rights
    courses = _curriculum(home, content)
    editorial_setup()  # again: the catalogue pages now exist and get the review workflow
    _learning(content.learning)
    # The seller's application waits for a reviewer: the demo's payoff is a click away.
    _storefront(content.storefront)
    return Seeded(
        home_title=home.title,
        courses=len(courses),
        logins=[user["email"] for user in content.users["users"]],
    )


def seed_curriculum(home, root: Path | None = None) -> list:
    """Only the courses, under the given home page (tests that need real courses use it)."""
    return _curriculum(home, load(root))


def _curriculum(home, content: DemoContent) -> list:
    return demo_curriculum_seed(
        home,
        catalogue=content.curriculum["catalogue"],
        certificate_template=content.curriculum["certificate_template"],
        courses=content.courses,
    )


def _users(users: dict) -> None:
    groups = users["groups"]
    demo_groups_ensure(
        admin=[group["name"] for group in groups if group["admin"]],
        other=[group["name"] for group in groups if not group["admin"]],
    )
    for user in users["users"]:
        demo_user_ensure(password=DEMO_PASSWORD, **user)


def _learning(learning: dict) -> None:
    cohort = dict(learning["cohort"])
    hours, minutes = cohort.pop("session_starts_at").split(":")
    demo_cohort_ensure(
        course_slug=cohort.pop("course"), session_starts_at=time(int(hours), int(minutes)), **cohort
    )
    # Complete a course: their certificates are issued by the task, as for any learner.
    graduates = learning["graduates"]
    for email in graduates["learners"]:
        demo_graduate(email=email, course_slug=graduates["course"])


def _storefront(storefront: dict) -> None:
    product = dict(storefront["product"])
    images = product.pop("images")
    demo_storefront_application(
        applicant=storefront["applicant"],
        details=storefront["details"],
        logo=_file(storefront["logo"]),
        product={**product, "price_usd": Decimal(product["price_usd"])},
        product_images=[_file(image) for image in images],
    )


def _file(file: dict) -> ContentFile:
    return ContentFile(file["content"], name=file["filename"])


__all__ = ["DEMO_PASSWORD", "Seeded", "seed", "seed_curriculum"]
