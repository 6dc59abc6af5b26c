from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class CertificateTemplate(index.Indexed, models.Model):
    """The look and wording of a course's certificate, chosen per course.

    It is content, so it lives here beside the courses that pick it; the certificates app renders
    it and reads it through ``courses.api``.
    """

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        error_messages={
            "unique": _(
                "A certificate template with this name already exists: choose another name."
            )
        },
    )
    title = models.CharField(_("title"), max_length=120, default="Certificate of completion")
    body = models.TextField(
        _("body text"),
        default="This certifies that {name} completed {course} ({hours} hours) on {date}.",
        help_text=_("Placeholders: {name}, {course}, {date}, {hours}."),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=120, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=120, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0b5d3b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a hex colour such as #0b5d3b."))],
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("body")], heading=_("Wording")),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature_image"),
            ],
            heading=_("Signatory"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("accent_colour"), FieldPanel("orientation")],
            heading=_("Design"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return self.name
