"""Every rule the database enforces reads as plain words when a form breaks it, in
cohorts and everywhere else: each constraint carries its own message, shown on the field it is
about, and
each unique field a form edits says what is taken. Before: the page editor answered an
estimated time of 0 hours with "Constraint “course_hours_at_least_one” is violated."."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import User
from courses.models import CertificateTemplate, CoursePage, QuestionBank
from tests.accounts.factories import UserFactory
from tests.courses import factories

APPS = ["accounts", "courses", "lms", "certificates", "marketplace_link"]
UNIQUE_DEFAULT = models.Field.default_error_messages["unique"]


def _models():
    for label in APPS:
        yield from apps.get_app_config(label).get_models()


def test_every_constraint_has_a_message_in_plain_words():
    unexplained = []
    for model in _models():
        for constraint in model._meta.constraints:
            message = str(constraint.get_violation_error_message())
            default = (
                constraint.violation_error_message == constraint.default_violation_error_message
            )
            if default or constraint.name in message or "%(" in message:
                unexplained.append(f"{model._meta.label}: {constraint.name}")
    assert unexplained == []


def test_every_unique_field_a_form_can_edit_has_a_message_in_plain_words():
    # One-to-one links are left out: the row hangs off its parent, which no form chooses.
    unexplained = [
        f"{model._meta.label}.{field.name}"
        for model in _models()
        for field in model._meta.local_concrete_fields
        if field.unique and field.editable and not field.primary_key and not field.one_to_one
        if str(field.error_messages["unique"]) == str(UNIQUE_DEFAULT)
    ]
    assert unexplained == []


def _course_form(course, **fields) -> dict:
    return nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": "Tea abroad.",
            "description": rich_text(""),
            "outcomes": streamfield([("outcome", "List a tea")]),
            "for_entrepreneurs": "on",
            "tags": "",
            "level": "beginner",
            "estimated_hours": "3",
            "format": "self_paced",
            "enrolment_open": "on",
            "issues_certificate": "on",
            **fields,
        }
    )


@pytest.mark.django_db
def test_a_course_of_zero_hours_is_refused_on_its_field_in_plain_words(editor_client, site):
    course = factories.course(factories.catalog(site), "Selling tea online")
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    response = editor_client.post(url, _course_form(course, estimated_hours="0"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["estimated_hours"] == ["A course takes at least 1 hour."]
    assert "is violated" not in response.content.decode()
    assert CoursePage.objects.get(pk=course.pk).estimated_hours != 0
    response = editor_client.post(url, _course_form(course, estimated_hours="2"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_snippets_with_a_name_in_use_are_refused_in_plain_words(editor_client, site):
    QuestionBank.objects.create(title="Coffee basics", questions=factories.one_of_each())
    url = reverse("wagtailsnippets_courses_questionbank:add")
    data = nested_form_data(
        {"title": "Coffee basics", "description": "", "tags": "", "questions": streamfield([])}
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "A question bank with this title already exists: choose another title."
    ]

    CertificateTemplate.objects.create(name="Isoko standard")
    url = reverse("wagtailsnippets_courses_certificatetemplate:add")
    data = {
        "name": "Isoko standard",
        "title": "Certificate of completion",
        "body": "For completing {course}.",
        "accent_colour": "#0b5d3b",
        "orientation": "landscape",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "A certificate template with this name already exists: choose another name."
    ]


@pytest.mark.django_db
def test_the_user_admin_refuses_a_taken_email_and_a_bad_phone_on_their_fields(editor_client):
    UserFactory(email="aline@example.com")
    other = UserFactory(email="bosco@example.com")
    url = reverse("admin:accounts_user_change", args=[other.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("groups", "user_permissions", "password")
    }
    data.update(
        {
            "email": "ALINE@example.com",  # taken, in other letters
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": str(other.profile.pk),
            "profile-0-user": str(other.pk),
            "profile-0-full_name": "Bosco",
            "profile-0-audience": "entrepreneur",
            "profile-0-country": "RW",
            "profile-0-phone": "0788123456",  # not in the international format
            "profile-0-preferred_language": "en",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "is violated" not in html
    errors = response.context["adminform"].form.errors
    assert errors["email"] == ["An account with this e-mail address already exists."]
    inline = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "phone" in inline.errors, inline.errors
    assert User.objects.get(pk=other.pk).email == "bosco@example.com"
