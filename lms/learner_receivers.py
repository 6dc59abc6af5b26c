"""Every write to what /dashboard/ shows of a learner's learning replaces their generation
(core.learner_cache), so the dashboard cached for them (config/dashboard.py) is built again.

Saves and deletes arrive here through Django's signals, whoever makes them (views, Celery tasks,
the admin, the offline replay); the two ``update()`` writes of enrolments call
``learner_changed`` themselves (lms/services/enrolment.py). Lesson progress and quiz attempts are
deleted only by cascade, with their lesson, quiz or course page (which changes the content
generation the cached copy is stamped with too) or with their learner: no delete receiver, so
that deleting a course still deletes its million progress rows in one statement. A learner's
time zone (cohorts' LearnerSettings) shows only beside upcoming sessions, on the dashboard of a
learner in a cohort, which is never cached.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.learner_cache import learner_changed


def _learner(sender, instance, **kwargs) -> None:
    learner_changed(instance.learner_id)


def _user(sender, instance, **kwargs) -> None:
    learner_changed(instance.user_id)


def _facilitators(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    # Cohort.facilitators: "facilitates" shows the link to the learner's cohorts.
    if isinstance(instance, get_user_model()):  # user.facilitated_cohorts.add/remove/clear
        if action.startswith("post_"):
            learner_changed(instance.pk)
    elif action == "pre_clear":  # cohort.facilitators.clear(): its facilitators, while known
        learner_changed(*instance.facilitators.values_list("pk", flat=True))
    elif action.startswith("post_") and pk_set:  # cohort.facilitators.add/remove(users...)
        learner_changed(*pk_set)


def connect() -> None:
    from lms.models import Cohort, Enrolment, LessonProgress, QuizAttempt

    for model in (Enrolment, LessonProgress, QuizAttempt):
        post_save.connect(_learner, sender=model, dispatch_uid=f"learner-gen-{model.__name__}")
    post_delete.connect(_learner, sender=Enrolment, dispatch_uid="learner-gen-Enrolment-delete")
    through = Cohort.facilitators.through
    m2m_changed.connect(_facilitators, sender=through, dispatch_uid="learner-gen-facilitators")
    # A cohort deleted removes its facilitator rows by cascade, which sends no m2m_changed.
    post_save.connect(_user, sender=through, dispatch_uid="learner-gen-facilitators-save")
    post_delete.connect(_user, sender=through, dispatch_uid="learner-gen-facilitators-delete")
