"""The editor's preview panel is an iframe of the admin's own preview views.

Wagtail renders a preview by running a dummy request for the page's public URL through the whole
middleware chain, so the public site's CSP (``frame-ancestors 'none'``) and X-Frame-Options DENY
landed on the admin's preview and the browser refused to show it. Previews may be framed by the
admin itself (same origin); public pages may still be framed by no one.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.courses.test_permissions import edit_url, lesson_form

pytestmark = pytest.mark.django_db


def assert_framed_by_the_admin_only(response):
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "'none'" not in policy.split("frame-ancestors")[1]
    # The rest of the public policy still holds inside the admin's frame.
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_previews_may_be_framed_by_the_admin_only(editorial, client):
    trainer, lesson = editorial["trainer_a"], editorial["lesson_a"]
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    assert trainer.post(preview, lesson_form("Previewed lesson")).json()["is_valid"]
    response = trainer.get(preview, {"in_preview_panel": "true"})
    assert_framed_by_the_admin_only(response)
    assert "Previewed lesson" in response.content.decode()
    assert "Edited text." in response.content.decode()

    module = lesson.get_parent()
    add_preview = reverse(
        "wagtailadmin_pages:preview_on_add", args=["courses", "lessonpage", module.pk]
    )
    form = lesson_form("A new lesson") | {"slug": "a-new-lesson"}
    assert trainer.post(add_preview, form).json()["is_valid"]
    response = trainer.get(add_preview, {"in_preview_panel": "true"})
    assert_framed_by_the_admin_only(response)
    assert "A new lesson" in response.content.decode()

    # "View draft", an old revision, and the reviewer's preview of a submitted page.
    assert trainer.post(edit_url(lesson), lesson_form("Submitted lesson")).status_code == 302
    response = trainer.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))
    assert_framed_by_the_admin_only(response)
    assert "Submitted lesson" in response.content.decode()
    revision = lesson.revisions.order_by("pk").first()
    response = trainer.get(
        reverse("wagtailadmin_pages:revisions_view", args=[lesson.pk, revision.pk])
    )
    assert_framed_by_the_admin_only(response)
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status="in_progress")
    task_id = state.current_task_state.task_id
    response = editorial["reviewer"].get(
        reverse("wagtailadmin_pages:workflow_preview", args=[lesson.pk, task_id])
    )
    assert_framed_by_the_admin_only(response)
    assert "Submitted lesson" in response.content.decode()

    # The public page itself keeps the strict policy.
    public = client.get(lesson.url)
    assert public.status_code == 200
    assert public["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]


def test_a_new_course_previews_before_it_is_saved(editor_client, site):
    """The preview of a course not saved yet has no id to enrol in (it raised NoReverseMatch)."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.courses import factories

    catalog = factories.catalog(site)
    form = nested_form_data(
        {
            "title": "A course not saved yet",
            "slug": "not-saved-yet",
            "summary": "A summary.",
            "level": "beginner",
            "estimated_hours": "3",
            "format": "self_paced",
            "description": rich_text("<p>What it teaches.</p>"),
            "outcomes": streamfield([]),
            "enrolment_open": "on",
            "issues_certificate": "on",
        }
    )
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", "coursepage", catalog.pk])
    assert editor_client.post(url, form).json()["is_valid"]
    response = editor_client.get(url, {"in_preview_panel": "true"})
    assert_framed_by_the_admin_only(response)
    assert "A course not saved yet" in response.content.decode()
