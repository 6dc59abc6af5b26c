"""Admin registration: question banks and certificate templates as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


@hooks.register("construct_homepage_panels")
def add_trainer_courses_panel(request, panels):
    from courses.trainer_dashboard import trainer_courses_panel

    panel = trainer_courses_panel(request.user)
    if panel is not None:
        panels.append(panel)
