"""Who may open a storefront: a graduate holding a valid certificate of a qualifying course.

Both reads run a fixed number of queries whatever the number of qualifying courses or
certificates, because the dashboard panel calls them on every visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from certificates.api import public_status, standing_certificates, valid_certificates
from courses.api import CoursePage, storefront_courses, storefront_live_courses
from lms.api import course_progress


def qualifying_certificates(user):
    """The user's valid certificates of courses that qualify for a storefront (live or not: a
    course unpublished since still stands behind its graduates), newest first. A queryset."""
    return valid_certificates(
        user, courses=CoursePage.objects.filter(qualifies_for_storefront=True)
    )


def qualifying_courses():
    return storefront_courses()


def qualifying_certificate(user):
    """The newest valid (issued, not revoked, not expired) certificate of a course that qualifies
    for a storefront, or None. One query."""
    if not user.is_authenticated:
        return None
    return qualifying_certificates(user).first()


@dataclass
class Requirement:
    """One qualifying course and how far the learner is from a valid certificate of it."""

    course: CoursePage
    # not_enrolled | in_progress | certificate_pending | expired | revoked
    state: str
    percent: int | None = None
    certificate: object | None = None  # the certificate behind the state, if any


def storefront_requirements(
    user, *, known_ineligible: bool = False, progress=None, certificates=None
) -> list[Requirement]:
    """What is left before ``user`` may open a storefront: one entry per live qualifying course.
    Empty when they already qualify (or when no course qualifies at all). Six queries; five
    when the caller has just checked ``qualifying_certificate`` itself, and two when it passes
    ``progress``, the learner's progress in all their enrolments (lms.api's CourseProgress
    list) that the page has computed already (the dashboard); one when it also passes
    ``certificates``, the learner's standing certificates of every course (certificates.api's
    standing_certificates)."""
    if not known_ineligible and user.is_authenticated and qualifying_certificate(user):
        return []
    # The live qualifying courses, by path, locale loaded: from a per-process memo that any page
    # change drops (courses.api.storefront_live_courses), not a query per visit.
    pages = storefront_live_courses()
    # With translations, one course is several pages (one per locale) sharing a translation key:
    # show each course once, in the visitor's language when it exists, and count a certificate or
    # an enrolment of any of its translations.
    language = get_language() or settings.LANGUAGE_CODE
    key_of = {page.pk: page.translation_key for page in pages}
    shown: dict = {}
    for page in pages:
        current = shown.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            shown[page.translation_key] = page
    courses = sorted(shown.values(), key=lambda page: page.path)
    if not courses or not user.is_authenticated:
        return [Requirement(course=course, state="not_enrolled") for course in courses]
    course_ids = list(key_of)
    # The most telling certificate per course: a pending one (on its way) beats an old revoked
    # or expired one.
    if certificates is None:
        certificates = standing_certificates(user, course_ids=course_ids)
    telling: dict = {}
    for certificate in certificates:
        if certificate.course_id not in key_of:
            continue
        key = key_of[certificate.course_id]
        current = telling.get(key)
        if current is None or public_status(current) != "pending":
            telling[key] = certificate
    certificates = telling
    if progress is None:
        progress = course_progress(learner=user, course_ids=course_ids)
    progress = {
        key_of[entry.enrolment.course_id]: entry
        for entry in progress
        if entry.enrolment.course_id in key_of
    }
    result = []
    for course in courses:
        certificate = certificates.get(course.translation_key)
        status = public_status(certificate) if certificate is not None else None
        entry = progress.get(course.translation_key)
        if status == "pending":
            state = "certificate_pending"
        elif status in ("revoked", "expired"):
            state = status
        elif entry is not None:
            state = "in_progress"
        else:
            state = "not_enrolled"
        result.append(
            Requirement(
                course=course,
                state=state,
                percent=entry.percent if entry is not None else None,
                certificate=certificate,
            )
        )
    return result
