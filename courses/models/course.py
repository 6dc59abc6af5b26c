from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.constraint_errors import ConstraintFieldErrors
from courses.forms import CoursePageForm
from courses.models.restrictions import OneQueryViewRestrictions


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    COHORT = "cohort", _("Cohort")


class CourseTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", related_name="tagged_items")


# The audiences a course is for. They match accounts' Audience values, so a learner's profile can
# pick the catalogue filter. Three booleans, not a list: the set is fixed by the programme, and a
# boolean filters the same way on SQLite and PostgreSQL.
AUDIENCE_FIELDS = {
    "entrepreneur": "for_entrepreneurs",
    "policymaker": "for_policymakers",
    "academic": "for_academics",
}


class CoursePage(OneQueryViewRestrictions, ConstraintFieldErrors, Page):
    summary = models.TextField(_("summary"), max_length=300)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    for_entrepreneurs = models.BooleanField(_("entrepreneurs"), default=False)
    for_policymakers = models.BooleanField(_("policymakers"), default=False)
    for_academics = models.BooleanField(_("academics"), default=False)
    tags = ClusterTaggableManager(
        through=CourseTag, blank=True, verbose_name=_("topics"), help_text=_("Topic tags.")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BEGINNER
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    format = models.CharField(
        _("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.SELF_PACED
    )
    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=250, label=_("Learning outcome")))],
        blank=True,
        verbose_name=_("learning outcomes"),
        help_text=_("What a learner can do at the end, one per line: “Write a listing that…”."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisite courses"),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trained_courses",
        limit_choices_to={"groups__name": "Trainers"},
        verbose_name=_("trainers"),
        help_text=_("Members of the Trainers group. Once published, they may edit this course."),
    )
    enrolment_open = models.BooleanField(_("enrolment open"), default=True)
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    certificate_template = models.ForeignKey(
        "courses.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        verbose_name=_("certificate template"),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for certificates that never expire. Holders are reminded by e-mail "
            "30 days before expiry."
        ),
    )
    qualifies_for_storefront = models.BooleanField(
        _("qualifies for a marketplace storefront"),
        default=False,
        help_text=_("Graduates may apply for a storefront on the eWTP marketplace."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("description"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("for_entrepreneurs"),
                FieldPanel("for_policymakers"),
                FieldPanel("for_academics"),
            ],
            heading=_("Audiences"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("level"),
                FieldPanel("estimated_hours"),
                FieldPanel("format"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Catalogue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_open"),
                FieldPanel("issues_certificate"),
                FieldPanel("certificate_template"),
                FieldPanel("certificate_valid_months"),
                FieldPanel("qualifies_for_storefront"),
            ],
            heading=_("Enrolment and certificate"),
        ),
        # Only those who may assign trainers see this field: a trainer cannot add a colleague.
        FieldPanel("trainers", permission="courses.assign_trainers"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("outcomes"),
        index.FilterField("for_entrepreneurs"),
        index.FilterField("for_policymakers"),
        index.FilterField("for_academics"),
        index.FilterField("level"),
        index.FilterField("format"),
    ]

    base_form_class = CoursePageForm
    constraint_fields = {"course_hours_at_least_one": "estimated_hours"}

    parent_page_types = ["courses.CatalogPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        permissions = [("assign_trainers", "Can assign trainers to courses")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_hours__gte=1),
                name="course_hours_at_least_one",
                violation_error_message=_("A course takes at least 1 hour."),
            ),
        ]

    @property
    def audiences(self) -> list[str]:
        return [code for code, name in AUDIENCE_FIELDS.items() if getattr(self, name)]

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail_context(self, request))
        return context


class ModulePage(OneQueryViewRestrictions, Page):
    summary = models.TextField(_("summary"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_item_context(self, request))
        module = next((m for m in context["outline"].modules if m.pk == self.pk), None)
        context["module_items"] = module.items if module else []
        return context
