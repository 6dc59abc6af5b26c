"""Trainers translate their course with simple_translation, then write and submit the copy."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from courses.models import CoursePage, LessonPage
from tests.courses import factories
from tests.courses.test_permissions import edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_catalog(editorial):
    french = Locale.objects.get(language_code="fr")
    factories.publish(editorial["catalog"].copy_for_translation(french))
    return french


def test_trainer_translates_own_course_with_its_subtree(editorial, french_catalog):
    trainer, course = editorial["trainer_a"], editorial["course_a"]
    url = reverse("simple_translation:submit_page_translation", args=[course.pk])
    assert trainer.get(url).status_code == 200
    response = trainer.post(url, {"locales": [french_catalog.pk], "include_subtree": "on"})
    assert response.status_code == 302
    french_course = CoursePage.objects.get(
        translation_key=course.translation_key, locale=french_catalog
    )
    french_lesson = LessonPage.objects.get(
        translation_key=editorial["lesson_a"].translation_key, locale=french_catalog
    )
    assert not french_lesson.live  # a draft copy for the trainer to translate
    # The trainer may edit the French version of their own course...
    assert trainer.get(edit_url(french_lesson)).status_code == 200
    assert trainer.get(edit_url(french_course)).status_code == 200
    # ...but not another trainer's.
    assert editorial["trainer_b"].get(edit_url(french_lesson)).status_code in (302, 403)


def test_trainer_cannot_translate_another_trainers_course(editorial, french_catalog):
    url = reverse("simple_translation:submit_page_translation", args=[editorial["course_b"].pk])
    response = editorial["trainer_a"].post(url, {"locales": [french_catalog.pk]})
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(locale=french_catalog).exists()
