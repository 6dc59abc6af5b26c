"""Admin registration: question banks and certificate templates as snippets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.editor_guard import refuse_autosave_with_an_action, resume_an_autosaved_new_page
from courses.models import CertificateTemplate, QuestionBank


class QuestionBankFilterSet(WagtailFilterSet):
    # list_filter = ["tags"] cannot build a filter for a ClusterTaggableManager: the listing was a
    # 500 for everyone. The banks of the chosen tags are found first and kept by id, because a
    # search (the listing's search box) may filter only on indexed fields, and the id is one.
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"),
        queryset=Tag.objects.filter(courses_questionbanktag_items__isnull=False)
        .distinct()
        .order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        method="filter_tag",
    )

    class Meta:
        model = QuestionBank
        fields = []

    def filter_tag(self, queryset, name, tags):
        if not tags:
            return queryset
        ids = QuestionBank.objects.filter(tags__in=tags).values_list("pk", flat=True)
        return queryset.filter(pk__in=list(ids))


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "help"
    menu_label = _("Question banks")
    list_display = ["title", "description"]
    filterset_class = QuestionBankFilterSet
    search_fields = ["title"]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = ["name", "title", "orientation"]


class CourseToolsGroup(SnippetViewSetGroup):
    menu_label = _("Course tools")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (QuestionBankViewSet, CertificateTemplateViewSet)


register_snippet(CourseToolsGroup)


# Autosave must not carry out the action its form is submitting (courses/editor_guard.py).
hooks.register("before_edit_page", refuse_autosave_with_an_action)
hooks.register("before_create_page", refuse_autosave_with_an_action)
hooks.register("before_create_page", resume_an_autosaved_new_page)


@hooks.register("construct_homepage_panels")
def add_trainer_courses_panel(request, panels):
    from courses.trainer_dashboard import trainer_courses_panel

    panel = trainer_courses_panel(request.user)
    if panel is not None:
        panels.append(panel)
