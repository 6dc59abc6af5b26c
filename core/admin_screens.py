"""What our staff screens built on Wagtail's ModelViewSet share: a 403 page for a signed-in user
without the screen's permissions, and a viewset with only the views we use.

Wagtail's own permission check raises PermissionDenied, which its admin turns into a redirect to
the dashboard: a script or a test cannot tell that apart from success, and a person is not told
why. So our views check Django permissions themselves and answer with a 403 page that says which
permission is missing. Anonymous visitors never get this far: Wagtail sends them to log in.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import View
from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet


class PermissionRefusalMixin:
    """For a Wagtail admin view: ``required_permissions`` (Django permission names, all needed)
    decide who may open it; anyone else signed in gets ``refusal_template`` with status 403,
    before the object is looked up (an unknown id tells them nothing). A method the view does
    not answer is a 405 first, whoever asks."""

    required_permissions: tuple[str, ...] = ()
    refusal_template = "admin_forbidden.html"
    # Wagtail's model-policy checks give way to required_permissions.
    permission_required = None
    any_permission_required = None

    def setup(self, request, *args, **kwargs):
        self.permission_refused = not request.user.has_perms(self.required_permissions)
        if self.permission_refused:
            View.setup(self, request, *args, **kwargs)
        else:
            super().setup(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if self.permission_refused:
            return TemplateResponse(request, self.refusal_template, status=403)
        return super().dispatch(request, *args, **kwargs)


class ScreenIndexView(PermissionRefusalMixin, generic.IndexView):
    """A list page: searched by ``search_q(query)`` (a Q object; the ORM, not a search index),
    filtered by the viewset's filterset, each row linking to the inspect view."""

    is_searchable = True
    # No spreadsheet export: ``?export=csv`` would list every row (unpaginated) for nothing.
    FORMATS = ()
    #: What the page says when nothing is listed, with and without a search or filter.
    no_match_message = ""
    empty_message = ""
    #: What the search box looks in, as its placeholder.
    search_help = ""

    def get_search_form(self):
        form = super().get_search_form()
        if form is not None and self.search_help:
            form.fields["q"].widget.attrs["placeholder"] = self.search_help
        return form

    def search_q(self, query: str):
        raise NotImplementedError

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(self.search_q(self.search_query.strip()))

    def filter_queryset(self, queryset):
        # A bad value in one field (an old bookmark's status) drops that filter only; Wagtail
        # would drop them all.
        if self.filters:
            self.filters.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    def get_inspect_url(self, instance):
        # Whoever passed required_permissions may open each row (Wagtail would ask the
        # model's own view/change permissions, which reviewers do not have).
        return reverse(self.inspect_url_name, args=[instance.pk])

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return self.no_match_message
        return self.empty_message


class ObjectActionMixin:
    """An action on one object, for a view built like its inspect view (ScreenViewSet's
    ``action_view``): POST only. The form (``form_class``, if any) is checked, then
    ``perform(form)`` acts through the app's service and returns the object to show next and
    the success message. A refusal (one of ``refusal_errors``: a wrong state, nothing changed)
    goes back to the object's page with its reason; a ValidationError (or an error
    ``is_refusal`` says is not one) is shown on the form, on the page drawn again under
    ``failure_message`` with status 200, as Wagtail's own edit views do."""

    http_method_names = ["post"]
    form_class = None
    #: The form's name in the page's context.
    form_context_name = ""
    #: The field an error from perform() belongs to (None: the whole form).
    error_field = None
    failure_message = ""
    refusal_errors: tuple[type[Exception], ...] = ()
    inspect_url_name = None  # given by the viewset

    def perform(self, form):
        raise NotImplementedError

    def is_refusal(self, error: Exception) -> bool:
        return not isinstance(error, ValidationError)

    def object_to_show(self):
        """The object as the page shows it (a subclass may load more than perform() needs)."""
        return self.object

    def page_of(self, obj) -> str:
        return reverse(self.inspect_url_name, args=[obj.pk])

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST) if self.form_class else None
        if form is None or form.is_valid():
            try:
                shown, message = self.perform(form)
            except (ValidationError, *self.refusal_errors) as error:
                if form is None or self.is_refusal(error):
                    messages.error(request, str(error))
                    return redirect(self.page_of(self.object))
                form.add_error(
                    self.error_field,
                    error.messages if isinstance(error, ValidationError) else str(error),
                )
            else:
                messages.success(request, message)
                return redirect(self.page_of(shown))
        messages.error(request, self.failure_message)
        self.object = self.object_to_show()
        return self.render_to_response(self.get_context_data(**{self.form_context_name: form}))


class CheckboxFilter(django_filters.Filter):
    """A tick box: ``?attention=on`` (the links in the pages and old bookmarks) filters, its
    absence does not; unlike django-filter's BooleanFilter, absent is not "changed"."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)


class CheckboxFilterAdapter(BaseFilterAdapter):
    """The active filter's pill says "Needs attention only: Yes" (Django's translated word),
    not Python's "True"."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            yield active._replace(value=gettext("Yes"))


register_filter_adapter_class(CheckboxFilter, CheckboxFilterAdapter)


def status_filterset(target, *, choices, needs_attention) -> type[WagtailFilterSet]:
    """The filters our certificate and storefront lists share: status radio buttons and a "needs
    attention only" box. ``needs_attention()`` gives the Q of the rows staff must look at."""

    class StatusFilterSet(WagtailFilterSet):
        status = django_filters.ChoiceFilter(
            label=gettext_lazy("Status"),
            choices=choices,
            empty_label=gettext_lazy("Any status"),
            widget=forms.RadioSelect,
        )
        attention = CheckboxFilter(
            label=gettext_lazy("Needs attention only"), method="filter_attention"
        )

        class Meta:
            model = target
            fields = []

        def filter_attention(self, queryset, name, value):
            return queryset.filter(needs_attention()) if value else queryset

    StatusFilterSet.__name__ = StatusFilterSet.__qualname__ = f"{target.__name__}FilterSet"
    return StatusFilterSet


class TemplateColumn(Column):
    """A cell drawn by its own template, which gets the row as ``instance``."""

    def __init__(self, name, template_name, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["instance"] = instance
        return context


class ScreenViewSet(ModelViewSet):
    """A ModelViewSet with the list (and its results fragment), the inspect view at ``<pk>/``
    and the views a subclass adds in ``extra_urlpatterns()``: no add, edit, copy, delete,
    history or usage screens, whose writes would bypass the apps' services."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    #: The URL name of the inspect view (Wagtail's is "inspect", at inspect/<pk>/).
    inspect_url_name = "inspect"

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage", "copy"):
            view_kwargs[f"{name}_url_name"] = None
        view_kwargs["inspect_url_name"] = self.get_url_name(self.inspect_url_name)
        return view_kwargs

    def action_view(self, view_class):
        """A view of one object (an action posted on its page), built like the inspect view so
        that it can show that page again with a form's errors."""
        return self.construct_view(view_class, **self.get_inspect_view_kwargs())

    def extra_urlpatterns(self) -> list:
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name=self.inspect_url_name),
            *self.extra_urlpatterns(),
        ]

    def get_permissions_to_register(self):
        """Subclasses name the permissions an administrator may grant in Wagtail's group
        editor; by default none (a model's add/delete make no sense here)."""
        return Permission.objects.none()

    def register_admin_url_finder(self):
        # Wagtail's finder points at the edit view, which these screens do not have.
        pass
