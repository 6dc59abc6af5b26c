from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.models.restrictions import OneQueryViewRestrictions


class LessonPage(OneQueryViewRestrictions, Page):
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone may read this lesson without enrolling."),
    )
    required_for_completion = models.BooleanField(_("required for completion"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("free_preview"),
                FieldPanel("required_for_completion"),
            ],
            heading=_("Lesson settings"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    outline_kind = "lesson"
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_item_context(self, request))
        return context
