from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.models.restrictions import OneQueryViewRestrictions


class StandardPage(OneQueryViewRestrictions, Page):
    """A plain content page (about, privacy, help) built from the same blocks as a lesson.

    It is also the bare baseline in bench/lesson_page.py: the same body without the course around
    it (outline, previous/next), so the benchmark isolates what the course frame costs.
    """

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["courses.HomePage", "courses.StandardPage"]
    subpage_types = ["courses.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
