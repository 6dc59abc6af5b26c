"""Writes for course authoring: who may edit which course, and the review workflow."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import CatalogPage, CoursePage

TRAINERS, REVIEWERS = "Trainers", "Reviewers"
WORKFLOW_NAME = "Course review"
# What an assigned trainer may do inside their course: draft and submit, never publish.
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Model permissions: trainers upload media and keep question banks; reviewers also assign
# trainers and keep certificate templates.
TRAINER_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("courses", "add_questionbank"),
    ("courses", "change_questionbank"),
    ("courses", "view_questionbank"),
    ("courses", "view_certificatetemplate"),
    ("simple_translation", "submit_translation"),
)
REVIEWER_MODEL_PERMISSIONS = TRAINER_MODEL_PERMISSIONS + (
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
    ("courses", "delete_questionbank"),
    ("courses", "assign_trainers"),
    ("courses", "add_certificatetemplate"),
    ("courses", "change_certificatetemplate"),
)


def _permissions(pairs) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def _page_permissions(codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def course_trainers_group_name(translation_key) -> str:
    return f"Trainers of course {translation_key}"


@transaction.atomic
def course_trainers_sync(*, course: CoursePage) -> Group | None:
    """Give the course's trainers page permissions on its subtree, and take them from the rest.

    One group per course (shared by its translations) holds its trainers; it has add/change (not
    publish) on every language version of the course page, which Wagtail extends to each module,
    lesson and quiz below. So a trainer can write the French translation of their course too.
    Removing a trainer from the course removes them from the group, which revokes the rights.
    The assignment last published, in whichever language, is the one that holds.
    """
    trainers = list(course.trainers.all())
    name = course_trainers_group_name(course.translation_key)
    if not trainers:
        Group.objects.filter(name=name).delete()
        return None
    group, _created = Group.objects.get_or_create(name=name)
    group.user_set.set(trainers)
    permissions = _page_permissions(TRAINER_PAGE_PERMISSIONS)
    for version in CoursePage.objects.filter(translation_key=course.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=version, permission=permission
            )
    return group


def course_trainers_forget(*, translation_key) -> None:
    """After a course is deleted: drop its trainers' group once no language version is left."""
    if not CoursePage.objects.filter(translation_key=translation_key).exists():
        Group.objects.filter(name=course_trainers_group_name(translation_key)).delete()


@transaction.atomic
def editorial_setup() -> Workflow:
    """Idempotent: the Trainers and Reviewers groups' permissions and the review workflow.

    Run by ``seed_demo`` and by ``manage.py setup_editorial`` on a deployment. Every catalogue
    page (one per language) gets the "Course review" workflow: a trainer's "Submit for
    moderation" goes to the Reviewers group, who approve (and so publish) or request changes.
    """
    trainers, _ = Group.objects.get_or_create(name=TRAINERS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    trainers.permissions.add(*_permissions(TRAINER_MODEL_PERMISSIONS))
    reviewers.permissions.add(*_permissions(REVIEWER_MODEL_PERMISSIONS))
    # Wagtail grants images and documents per collection (GroupCollectionPermission) and ignores
    # the model permissions above for them: without these rows a trainer's "Add an image" was
    # sent back to the dashboard. The root collection covers every collection below it.
    root = Collection.get_first_root_node()
    for group, pairs in (
        (trainers, TRAINER_MODEL_PERMISSIONS),
        (reviewers, REVIEWER_MODEL_PERMISSIONS),
    ):
        media = [pair for pair in pairs if pair[0] in ("wagtailimages", "wagtaildocs")]
        for permission in _permissions(media):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )

    task = GroupApprovalTask.objects.filter(name="Reviewers approve").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Reviewers approve")
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for catalog in CatalogPage.objects.all():
        WorkflowPage.objects.update_or_create(page=catalog, defaults={"workflow": workflow})
        for permission in _page_permissions(REVIEWER_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=reviewers, page=catalog, permission=permission
            )
    return workflow
