"""What courses.api answers for the apps downstream of it, instead of letting them query pages."""

import pytest

from courses.api import certificate_terms, storefront_courses
from courses.models import CertificateTemplate
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
