from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.models.restrictions import OneQueryViewRestrictions


class CatalogPage(OneQueryViewRestrictions, Page):
    """The course catalogue at /courses/: filters and search over the published courses."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    page_size = models.PositiveSmallIntegerField(_("courses per page"), default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("page_size")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        # Deferred import: the catalogue module queries these models.
        from courses.catalog import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        return context
