from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import HomeSectionBlock
from courses.models.restrictions import OneQueryViewRestrictions


class HomePage(OneQueryViewRestrictions, Page):
    """The site root. Its hero and sections are edited in the CMS."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_cta_text = models.CharField(_("button text"), max_length=40, blank=True)
    hero_cta_url = models.CharField(_("button URL or path"), max_length=200, blank=True)
    sections = StreamField(HomeSectionBlock(), blank=True, verbose_name=_("sections"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("sections"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    def get_admin_display_title(self):
        # There is one home page per language, each titled "Isoko", side by side at the root of
        # the tree where a trainer's explorer opens (their course is in both languages). The admin
        # names the language so the rows can be told apart; the site's title
        # stays as written.
        title = super().get_admin_display_title()
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return title
        return f"{title} ({self.locale.get_display_name()})"

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CatalogPage", "courses.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
