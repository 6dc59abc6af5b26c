"""Cohorts and sessions in the Wagtail admin, for staff (Django model permissions decide who).

Facilitators do not need the admin: their cohorts, rosters and check-in codes live under
/learn/cohorts/ and show only the cohorts they facilitate.

Every database constraint these forms can hit is a form error on its field (issue 13, A11):
the models' clean() checks the rules before the save, and ConstraintErrorsMixin checks them
again, against the row as it is now, when a race got past that check (a seat taken between the
form's check and its save)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.models import Cohort, CohortSession


class ConstraintErrorsMixin:
    """For create and edit views: a save refused by a database constraint shows the form
    again with the rule broken on its field, instead of a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            # Wagtail's atomic block has rolled the save back. Check the rules again with the
            # values the database holds now for the fields the form does not edit.
            errors = _recheck(form.instance)
            if not errors:
                raise
            for field, field_errors in errors.items():
                target = field if field in form.fields else None
                form.add_error(None if field == NON_FIELD_ERRORS else target, field_errors)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _recheck(instance) -> dict[str, list[str]]:
    model = type(instance)
    if instance.pk is not None:
        fresh = model._default_manager.filter(pk=instance.pk).first()
        if fresh is not None:
            for field in model._meta.concrete_fields:
                if not field.editable:
                    setattr(instance, field.attname, getattr(fresh, field.attname))
    try:
        instance.clean()
        instance.validate_constraints()
    except ValidationError as error:
        return error.message_dict
    return {}


class CohortCreateView(ConstraintErrorsMixin, generic.CreateView):
    pass


class CohortEditView(ConstraintErrorsMixin, generic.EditView):
    pass


class CohortDeleteView(generic.DeleteView):
    """A cohort with learners cannot be deleted (their enrolments point at it): say so rather
    than fail on the database's PROTECT."""

    template_name = "lms/admin/cohort_confirm_delete.html"

    def members(self) -> int:
        return self.object.enrolments.count()

    def refusal(self, members: int) -> str:
        return ngettext(
            "%(count)s learner is in this cohort (withdrawn ones count too: their history "
            "stays with it), so it cannot be deleted. Set its status to Finished instead.",
            "%(count)s learners are in this cohort (withdrawn ones count too: their history "
            "stays with it), so it cannot be deleted. Set its status to Finished instead.",
            members,
        ) % {"count": members}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = self.members()
        context["refusal"] = self.refusal(members) if members else ""
        return context

    def form_valid(self, form):
        members = self.members()
        if members:
            messages.error(self.request, self.refusal(members))
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class SessionCreateView(ConstraintErrorsMixin, generic.CreateView):
    pass


class SessionEditView(ConstraintErrorsMixin, generic.EditView):
    pass


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    add_to_admin_menu = False
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    list_display = ["name", "course", "starts_on", "ends_on", "status", "seats_taken", "capacity"]
    list_filter = ["status", "enrolment_mode"]
    search_fields = ["name"]
    panels = [
        FieldPanel("course"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("status")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("enrolment_mode"),
                FieldPanel("attendance_threshold"),
            ],
            heading=_("Enrolment"),
        ),
        FieldPanel("facilitators"),
    ]


class CohortSessionViewSet(ModelViewSet):
    model = CohortSession
    icon = "date"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    list_display = ["title", "cohort", "starts_at", "ends_at", "cancelled"]
    list_filter = ["cohort", "cancelled"]
    search_fields = ["title"]
    panels = [
        FieldPanel("cohort"),
        FieldPanel("title"),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Time")),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("meeting_url")], heading=_("Place")),
        MultiFieldPanel([FieldPanel("lessons"), FieldPanel("documents")], heading=_("Materials")),
        FieldPanel("cancelled"),
    ]


class CohortsGroup(ViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 210
    items = (CohortViewSet, CohortSessionViewSet)
