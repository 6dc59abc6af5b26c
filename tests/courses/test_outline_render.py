"""The course outline: joined from pieces built once per course and language (render_outline),
it must read exactly as the template loop it replaced, and follow every change to the course at
once (the outline memo is dropped on any page save, publish, unpublish, move or delete)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from courses.models import LessonPage
from courses.selectors import course_outline
from lms.page_state import LearnerState
from lms.services import enrolment_create
from tests.accounts.factories import UserFactory
from tests.courses import factories

pytestmark = pytest.mark.django_db

# templates/courses/includes/outline.html before render_outline, kept as the reference.
TEMPLATE_LOOP = (
    '{% load i18n %}{% translate "Completed" as completed %}'
    "{% with done=request.lms.done current_pk=current.pk %}\n"
    '<ol class="outline">\n'
    '{% for module in outline.modules %}<li class="outline-module" id="module-{{ module.pk }}">\n'
    '<h3>{{ module.title }} <span class="meta">{% blocktranslate count minutes=module.minutes %}'
    "{{ minutes }} min{% plural %}{{ minutes }} min{% endblocktranslate %}</span></h3>\n"
    '{% if module.summary and not compact %}<p class="help">{{ module.summary }}</p>{% endif %}\n'
    '<ol class="outline-items">\n'
    '{% for item in module.items %}<li class="outline-item{% if item.pk == current_pk %}'
    ' is-current{% endif %}"><a href="{{ item.url }}"{% if item.pk == current_pk %}'
    ' aria-current="page"{% endif %}>{% if item.pk in done %}<span class="tick"'
    ' aria-label="{{ completed }}">✓</span> {% endif %}{{ item.title }}</a>'
    ' <span class="meta">{{ item.meta }}</span></li>\n'
    "{% endfor %}</ol>\n"
    "</li>\n"
    '{% empty %}<li class="empty-state">'
    '{% translate "The trainers are still preparing this course\'s modules." %}</li>\n'
    "{% endfor %}</ol>{% endwith %}\n"
)
NEW = "{% load courses_tags %}{% course_outline_html outline current compact %}\n"


def _both(outline, current=None, done=(), compact=False):
    request = RequestFactory().get("/")
    request.lms = LearnerState(course=None, done=set(done)) if done is not None else None
    context = {"outline": outline, "current": current, "compact": compact, "request": request}
    return Template(TEMPLATE_LOOP).render(Context(context)), Template(NEW).render(Context(context))


@pytest.fixture
def course(site):
    course = factories.course(factories.catalog(site), "Coffee & <tea>")
    first = factories.module(course, "Start <here>")
    first.summary = 'Read "this" & that'
    factories.publish(first)
    factories.lesson(first, "Free & easy", free_preview=True)
    factories.lesson(first, "Second <b>")
    factories.quiz(first, "Quiz 'one'")
    second = factories.module(course, "Then")
    factories.lesson(second, "Last")
    return course


@pytest.mark.parametrize("language", ["en", "rw"])
def test_the_outline_reads_as_the_template_loop_did(course, language):
    with translation.override(language):
        outline = course_outline(course)
        items = outline.items
        cases = [
            {},
            {"compact": True},
            {"current": items[1], "done": {items[0].pk, items[2].pk}, "compact": True},
            {"current": items[3], "done": {item.pk for item in items}},
            {"done": None},
        ]
        for case in cases:
            before, after = _both(outline, **case)
            assert after == before, case
        assert "aria-current" in _both(outline, current=items[1])[1]
    empty = factories.course(factories.catalog(course.get_parent().get_parent()), "Empty")
    before, after = _both(course_outline(empty))
    assert after == before and "empty-state" in after


def test_a_published_rename_shows_in_the_outline_at_once(course, client):
    learner = UserFactory()
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    lesson = course.get_descendants().type(LessonPage).specific().last()
    assert "Last</a>" in client.get(lesson.url).content.decode()
    lesson.title = "Renamed lesson"
    factories.publish(lesson)
    html = client.get(lesson.url).content.decode()
    assert "Renamed lesson</a>" in html and "Last</a>" not in html
    added = factories.lesson(lesson.get_parent(), "Added after")
    assert f'href="{added.url}">Added after</a>' in client.get(lesson.url).content.decode()
    added.unpublish()
    assert "Added after" not in client.get(lesson.url).content.decode()


def test_a_published_body_shows_at_once(course, client):
    learner = UserFactory()
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    lesson = LessonPage.objects.descendant_of(course).get(title="Last")
    lesson.body = [factories.paragraph("First words")]
    factories.publish(lesson)
    assert "First words" in client.get(lesson.url).content.decode()
    assert "First words" in client.get(lesson.url).content.decode()  # from the memo
    lesson.body = [factories.paragraph("Second words")]
    factories.publish(lesson)
    html = client.get(lesson.url).content.decode()
    assert "Second words" in html and "First words" not in html
