"""Cohorts and sessions in the Wagtail admin, for staff (Django model permissions decide who).

Facilitators do not need the admin: their cohorts, rosters and check-in codes live under
/learn/cohorts/ and show only the cohorts they facilitate.

Every database constraint these forms can hit is a form error on its field:
the models' clean() checks the rules before the save, and ConstraintErrorsMixin checks them
again, against the row as it is now, when a race got past that check (a seat taken between the
form's check and its save)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from lms.cohorts.access import user_may_manage_cohort
from lms.cohorts.admin_forms import CohortAdminForm, CohortSessionAdminForm
from lms.cohorts.models import Cohort, CohortSession


# ---------------------------------------------------------------------------------------------
# Links from the admin to a cohort's own pages
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    label: str
    url: str
    icon: str


def cohort_links(user, cohort: Cohort) -> list[Link]:
    """The cohort's sessions in the admin, and its pages under /learn/cohorts/, that ``user``
    may open: each page checks the same rights (model permissions for the admin, staff or the
    cohort's facilitators for the others)."""
    links = []
    sessions = ModelPermissionPolicy(CohortSession)
    if sessions.user_has_any_permission(user, ["view", "change", "add", "delete"]):
        links.append(
            Link(
                _("Sessions"),
                reverse("cohortsession:index") + f"?cohort={cohort.pk}",
                "date",
            )
        )
    if sessions.user_has_permission(user, "add"):
        links.append(
            Link(_("Add a session"), reverse("cohortsession:add") + f"?cohort={cohort.pk}", "plus")
        )
    if user_may_manage_cohort(user=user, cohort=cohort):
        public_id = cohort.public_id
        links += [
            Link(_("Report"), reverse("lms_cohort_report", args=[public_id]), "table"),
            Link(_("Timetable"), reverse("lms_cohort_timetable", args=[public_id]), "calendar"),
            Link(
                _("Add people from a CSV file"),
                reverse("lms_cohort_import", args=[public_id]),
                "user",
            ),
            Link(
                _("Download the roster (CSV)"),
                reverse("lms_cohort_roster_csv", args=[public_id]),
                "download",
            ),
        ]
        if cohort.enrolment_mode == Cohort.Mode.APPLICATION:
            links.append(
                Link(
                    _("Applications"),
                    reverse("lms_cohort_applications", args=[public_id]),
                    "form",
                )
            )
    return links


def session_links(user, session: CohortSession) -> list[Link]:
    cohort = session.cohort
    if not user_may_manage_cohort(user=user, cohort=cohort):
        return []
    args = [cohort.public_id, session.pk]
    links = [Link(_("Roster"), reverse("lms_cohort_roster", args=args), "group")]
    if not session.cancelled:
        links.append(Link(_("Check-in code"), reverse("lms_cohort_checkin_code", args=args), "key"))
    links.append(
        Link(
            _("Timetable"),
            reverse("lms_cohort_timetable", args=[cohort.public_id]) + f"#session-{session.pk}",
            "calendar",
        )
    )
    return links


def _menu_items(links: list[Link]) -> list[MenuItem]:
    return [
        MenuItem(link.label, url=link.url, icon_name=link.icon, priority=40 + number)
        for number, link in enumerate(links)
    ]


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


class CohortIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + _menu_items(cohort_links(self.request.user, instance))


class CohortCreateView(ConstraintErrorsMixin, generic.CreateView):
    pass


class CohortEditView(ConstraintErrorsMixin, generic.EditView):
    @cached_property
    def links(self) -> list[Link]:
        return cohort_links(self.request.user, self.object)

    @cached_property
    def header_buttons(self):
        # The sessions in sight; the rest in the "…" menu next to them.
        return [
            HeaderButton(link.label, url=link.url, icon_name=link.icon) for link in self.links[:1]
        ]

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        return buttons + [
            Button(link.label, url=link.url, icon_name=link.icon, priority=40 + number)
            for number, link in enumerate(self.links[1:])
        ]


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


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + _menu_items(session_links(self.request.user, instance))


class SessionCreateView(ConstraintErrorsMixin, generic.CreateView):
    def get_initial(self):
        # "Add a session" on a cohort's page comes with ?cohort=<pk>: the form starts in that
        # cohort and offers its course's materials (lms/cohorts/admin_forms.py).
        initial = super().get_initial()
        value = self.request.GET.get("cohort", "")
        # isascii: "²" and "٣" are digits to isdigit() but int() refuses the first (a 500).
        if value.isascii() and value.isdigit() and Cohort.objects.filter(pk=int(value)).exists():
            initial["cohort"] = int(value)
        return initial


class SessionEditView(ConstraintErrorsMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        links = session_links(self.request.user, self.object)
        return buttons + [
            Button(link.label, url=link.url, icon_name=link.icon, priority=40 + number)
            for number, link in enumerate(links)
        ]


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    add_to_admin_menu = False
    # Not in Wagtail's reference index: a cohort's course link is PROTECT, and an indexed one
    # makes Wagtail refuse a bulk delete of the course with a bare "you do not have permission"
    # before lms/cohorts/page_hooks.py can say why (and only for cohorts saved since the admin
    # loaded, not seeded ones). The hooks refuse every such delete, in words.
    add_to_reference_index = False
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    list_display = ["name", "course", "starts_on", "ends_on", "status", "seats_taken", "capacity"]
    list_filter = ["status", "enrolment_mode"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
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
        ],
        base_form_class=CohortAdminForm,
    )


class CohortSessionViewSet(ModelViewSet):
    model = CohortSession
    icon = "date"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    list_display = ["title", "cohort", "starts_at", "ends_at", "cancelled"]
    list_filter = ["cohort", "cancelled"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("title"),
            FieldPanel("agenda"),
            MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Time")),
            MultiFieldPanel([FieldPanel("venue"), FieldPanel("meeting_url")], heading=_("Place")),
            MultiFieldPanel(
                [FieldPanel("lessons"), FieldPanel("documents")], heading=_("Materials")
            ),
            FieldPanel("cancelled"),
        ],
        base_form_class=CohortSessionAdminForm,
    )


class CohortsGroup(ViewSetGroup):
    menu_label = _("Cohorts")
    menu_icon = "group"
    menu_order = 210
    items = (CohortViewSet, CohortSessionViewSet)
