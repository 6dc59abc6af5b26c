"""What courses.api answers for the apps downstream of it, instead of letting them query pages."""

import pytest

from courses.api import (
    certificate_terms,
    course_of,
    course_trainers,
    storefront_courses,
    trained_courses,
)
from courses.models import CertificateTemplate
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db


def test_certificate_terms(site):
    template = CertificateTemplate.objects.create(name="Isoko standard", signatory_name="C. M.")
    course = factories.course(
        factories.catalog(site),
        "Selling coffee online",
        estimated_hours=12,
        certificate_valid_months=24,
        certificate_template=template,
    )
    terms = certificate_terms(course_id=course.pk)
    assert (terms.course_id, terms.title, terms.hours, terms.language) == (
        course.pk,
        "Selling coffee online",
        12,
        "en",
    )
    assert terms.issues_certificate and terms.valid_months == 24
    assert terms.template == template
    assert certificate_terms(course_id=987654) is None


def test_storefront_courses_are_the_live_qualifying_ones(site):
    catalog = factories.catalog(site)
    qualifying = factories.course(catalog, "Selling coffee online", qualifies_for_storefront=True)
    factories.course(catalog, "Policy basics", qualifies_for_storefront=False)
    draft = factories.course(catalog, "Exporting tea", qualifies_for_storefront=True)
    draft.unpublish()
    assert list(storefront_courses()) == [qualifying]


def test_course_of_a_page(site):
    course = factories.course(factories.catalog(site), "Selling coffee online")
    module = factories.module(course, "Get verified")
    lesson = factories.lesson(module, "Onboarding")
    quiz = factories.quiz(module, "Check")
    assert [course_of(page).pk for page in (course, module, lesson, quiz)] == [course.pk] * 4
    assert course_of(course) is course  # no query for a course
    assert course_of(lesson, without_body=True).pk == course.pk
    assert course_of(site) is None  # the home page is in no course


def test_trained_courses_span_every_language_version(site):
    from wagtail.models import Locale

    catalog = factories.catalog(site)
    trainer, other = UserFactory(), UserFactory()
    course = factories.course(catalog, "Selling coffee online")
    factories.course(catalog, "Policy basics")
    french = Locale.objects.get_or_create(language_code="fr")[0]
    factories.publish(catalog.copy_for_translation(french))
    translation = course.copy_for_translation(french)
    course.trainers.add(trainer)  # assigned on the English version only
    course.save()
    assert set(trained_courses(trainer)) == {course, translation}
    assert list(trained_courses(other)) == []
    assert list(course_trainers()) == [trainer]
