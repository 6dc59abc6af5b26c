"""Admin registration: question banks and certificate templates as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.editor_guard import refuse_autosave_with_an_action
from courses.models import CertificateTemplate, QuestionBank


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "help"
    menu_label = _("Question banks")
    list_display = ["title", "description"]
    list_filter = ["tags"]
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
