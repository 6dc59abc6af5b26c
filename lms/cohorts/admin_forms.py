"""The Wagtail admin's cohort and session forms (lms/cohorts/admin_viewsets.py), narrowed to
what makes sense for the cohort at hand:

- facilitators are chosen among the Facilitators group and staff (and whoever is chosen
  already), not from every account on the site, in a list that can be searched;
- a session's lessons and documents are those of its cohort's course: the course's lesson
  pages, and the documents those pages link to (Wagtail's reference index).

A cohort is known on a session form from the session, from the cohort posted, or from
``?cohort=`` when the session is added from its cohort's page. Without one (a session added
from the sessions list), the lessons and documents of every cohort-format course are offered
and the choice is checked against the cohort chosen."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from courses.api import CourseFormat, CoursePage, LessonPage
from lms.cohorts.access import FACILITATORS_GROUP
from lms.cohorts.models import Cohort
from lms.cohorts.sessions import cohort_session_update


class FilteredCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them that hides the ones whose label does not match
    (static/js/choice-filter.js; without JavaScript the whole list shows)."""

    template_name = "lms/admin/widgets/filtered_checkboxes.html"

    class Media:
        js = ["js/choice-filter.js"]

    def render(self, name, value, attrs=None, renderer=None):
        # With the site's template engine: the form renderer only sees the apps' folders.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


def _person(user) -> str:
    profile = getattr(user, "profile", None)
    name = (profile.full_name or profile.preferred_name) if profile else ""
    return f"{name} — {user.email}" if name else user.email


class CohortAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("facilitators")
        if field is None:
            return
        chosen = (
            list(self.instance.facilitators.values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        field.queryset = (
            get_user_model()
            .objects.filter(
                Q(is_active=True) & (Q(groups__name=FACILITATORS_GROUP) | Q(is_staff=True))
                | Q(pk__in=chosen)
            )
            .distinct()
            .select_related("profile")
            .order_by("profile__full_name", "email")
        )
        field.label_from_instance = _person
        field.widget = FilteredCheckboxSelectMultiple(choices=field.choices)
        field.help_text = _(
            "People in the Facilitators group, and staff. To choose someone else, add them to "
            "the Facilitators group first (Settings › Groups)."
        )
        field.error_messages["invalid_choice"] = _(
            "Only people in the Facilitators group, or staff, can facilitate a cohort."
        )


def course_lessons(course_ids: list[int]):
    """The lesson pages of these courses, in outline order."""
    courses = CoursePage.objects.filter(pk__in=course_ids).values_list("path", flat=True)
    inside = Q()
    for path in courses:
        inside |= Q(path__startswith=path)
    if not inside:
        return LessonPage.objects.none()
    return LessonPage.objects.filter(inside).order_by("path")


def course_document_ids(course_ids: list[int]) -> set[int]:
    """The documents that these courses' pages link to, from Wagtail's reference index (kept
    up to date as pages are saved). Two queries."""
    paths = list(CoursePage.objects.filter(pk__in=course_ids).values_list("path", flat=True))
    if not paths:
        return set()
    inside = Q()
    for path in paths:
        inside |= Q(path__startswith=path)
    page_ids = [str(pk) for pk in Page.objects.filter(inside).values_list("pk", flat=True)]
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_ids,
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
    ).values_list("to_object_id", flat=True)
    return {int(pk) for pk in references if str(pk).isdigit()}


class CohortSessionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cohort = self._cohort()
        if cohort is not None:
            course_ids = [cohort.course_id]
        else:
            course_ids = list(
                CoursePage.objects.filter(format=CourseFormat.COHORT).values_list("pk", flat=True)
            )
        lessons, documents = self.fields.get("lessons"), self.fields.get("documents")
        chosen_lessons = chosen_documents = []
        if self.instance.pk and (cohort is None or cohort.pk == self.instance.cohort_id):
            # Kept on offer whatever happened to them since, so that saving changes nothing.
            chosen_lessons = list(self.instance.lessons.values_list("pk", flat=True))
            chosen_documents = list(self.instance.documents.values_list("pk", flat=True))
        if lessons is not None:
            lessons.queryset = LessonPage.objects.filter(
                Q(pk__in=course_lessons(course_ids).values("pk")) | Q(pk__in=chosen_lessons)
            ).order_by("path")
            lessons.widget = FilteredCheckboxSelectMultiple(choices=lessons.choices)
            lessons.help_text = _("Lessons of the cohort's course.")
            lessons.error_messages["invalid_choice"] = _(
                "This lesson is not in the cohort's course: choose among its lessons."
            )
        if documents is not None:
            ids = course_document_ids(course_ids) | set(chosen_documents)
            documents.queryset = get_document_model().objects.filter(pk__in=ids).order_by("title")
            documents.widget = FilteredCheckboxSelectMultiple(choices=documents.choices)
            documents.help_text = _(
                "Documents the course's lessons link to. To hand out another one, add it to a "
                "lesson of the course first."
            )
            documents.error_messages["invalid_choice"] = _(
                "This document is not used in the cohort's course: choose among its documents."
            )

    def save(self, commit=True):
        session = super().save(commit=False)
        if commit:
            # Through the service, not a bare save: a new time, place or a cancellation raises
            # the session's sequence and e-mails its learners.
            cohort_session_update(session=session)
            self.save_m2m()
        return session

    def _cohort(self) -> Cohort | None:
        """The cohort posted, else the session's, else the one asked for by ``?cohort=``."""
        candidates = []
        if self.is_bound:
            candidates.append(self.data.get(self.add_prefix("cohort")))
        candidates.append(self.instance.cohort_id if self.instance.pk else None)
        candidates.append(self.initial.get("cohort"))
        for value in candidates:
            # isascii: "²" is a digit to isdigit() but not to int() (a 500 on a tampered POST).
            if value is not None and str(value).isascii() and str(value).isdigit():
                cohort = Cohort.objects.filter(pk=int(value)).only("pk", "course_id").first()
                if cohort is not None:
                    return cohort
        return None
