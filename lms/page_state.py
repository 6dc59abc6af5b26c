"""What course pages show of the learner, attached to the request before Wagtail serves them.

courses (content) cannot import lms (learner state): the data flow goes one way. So lms
registers a ``before_serve_page`` hook (wagtail_hooks.py) that puts a LearnerState on
``request.lms`` for course, lesson and quiz pages, and refuses lesson bodies to visitors who are
not enrolled (free-preview lessons excepted). Templates read ``request.lms``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.response import TemplateResponse

from accounts.api import user_has_admin_access
from courses.api import CoursePage, LessonPage, QuizPage, course_of
from lms.cohorts.api import cohorts_taking_applications
from lms.lesson_state_cache import course_state, course_state_remember
from lms.models import Cohort, Enrolment, QuizAttempt
from lms.selectors import done_item_ids, enrolment_for
from lms.services import enrolment_view_record


@dataclass
class LearnerState:
    course: CoursePage | None
    enrolment: Enrolment | None = None
    done: set[int] = field(default_factory=set)
    attempts: list[QuizAttempt] = field(default_factory=list)
    open_cohorts: list[Cohort] = field(default_factory=list)
    # The stamp the enrolment and items done were cached under (lms/lesson_state_cache.py).
    cache_stamp: tuple | None = None

    @property
    def enrolled(self) -> bool:
        return self.enrolment is not None


def learner_state(request, page) -> LearnerState:
    course = course_of(page, without_body=True)
    state = LearnerState(course=course)
    if isinstance(page, CoursePage) and page.format == "cohort":
        # Cohorts taking applications, for the course page's "Apply" links.
        state.open_cohorts = list(cohorts_taking_applications(course_id=page.pk))
    if course is None or not request.user.is_authenticated:
        return state
    if isinstance(page, LessonPage | QuizPage):
        # The learner's rows in this course, from the cache while their generation holds
        # (lms/lesson_state_cache.py): a lesson view's two learner queries, on every request.
        state.enrolment, state.done, state.cache_stamp = course_state(request.user, course)
    else:
        state.enrolment = enrolment_for(learner=request.user, course=course)
        if state.enrolment is not None:
            state.done = done_item_ids(learner=request.user, course_ids=[course.pk])
    if isinstance(page, QuizPage):
        state.attempts = list(
            QuizAttempt.objects.filter(learner=request.user, quiz=page).order_by("-number")
        )
    return state


def _may_edit(user, page) -> bool:
    """Trainers and reviewers read the lessons they look after without enrolling."""
    if not user.is_authenticated or not user_has_admin_access(user):
        return False
    return page.permissions_for_user(user).can_edit()


def before_serve(page, request):
    if not isinstance(page, CoursePage | LessonPage | QuizPage):
        return None
    state = learner_state(request, page)
    request.lms = state
    if state.enrolment is not None and not isinstance(page, CoursePage):
        if enrolment_view_record(enrolment=state.enrolment, item=page):
            course_state_remember(
                request.user, state.course, state.enrolment, state.done, state.cache_stamp
            )
    if (
        isinstance(page, LessonPage)
        and not page.free_preview
        and not state.enrolled
        and not _may_edit(request.user, page)
    ):
        context = page.get_context(request)
        return TemplateResponse(request, "lms/lesson_locked.html", context, status=403)
    return None
