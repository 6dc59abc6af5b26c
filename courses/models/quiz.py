from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from core.constraint_errors import ConstraintFieldErrors
from courses.forms import QuestionBankForm, QuizPageForm
from courses.models.restrictions import OneQueryViewRestrictions
from courses.questions import QuestionStreamBlock, learner_view


class FeedbackPolicy(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_EACH_ATTEMPT = "after_each_attempt", _("After each attempt")
    AFTER_PASSING = "after_passing", _("After passing")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last attempt")


class QuestionBankTag(TaggedItemBase):
    content_object = ParentalKey("courses.QuestionBank", related_name="tagged_items")


class QuestionBank(RevisionMixin, index.Indexed, ClusterableModel):
    """A reusable, tagged set of questions that several quizzes can draw from.

    A snippet rather than a page: a bank has no URL and is never shown to learners as such.
    RevisionMixin keeps its history, so a quiz's reviewers can see what changed.
    """

    title = models.CharField(
        _("title"),
        max_length=120,
        unique=True,
        error_messages={
            "unique": _("A question bank with this title already exists: choose another title.")
        },
    )
    description = models.TextField(_("description"), blank=True)
    tags = ClusterTaggableManager(through=QuestionBankTag, blank=True, verbose_name=_("tags"))
    questions = StreamField(QuestionStreamBlock(), blank=True, verbose_name=_("questions"))

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("tags"),
        FieldPanel("questions"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        # The admin listing's tag filter keeps the banks of a tag by id (courses/wagtail_hooks.py).
        index.FilterField("id"),
    ]
    base_form_class = QuestionBankForm

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return self.title


class DrawRuleBlock(blocks.StructBlock):
    tag = blocks.CharBlock(max_length=50, label=_("Tag"))
    count = blocks.IntegerBlock(min_value=1, max_value=100, label=_("Questions to draw"))

    class Meta:
        icon = "tag"
        label = _("Draw by tag")


class QuizPage(OneQueryViewRestrictions, ConstraintFieldErrors, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[
            MinValueValidator(0, _("The pass mark must be between 0 and 100.")),
            MaxValueValidator(100, _("The pass mark must be between 0 and 100.")),
        ],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 means unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Leave empty for no time limit."),
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Drawn at random from the pool. Leave empty to ask every question."),
    )
    draw_rules = StreamField(
        [("draw", DrawRuleBlock())],
        blank=True,
        verbose_name=_("draw by tag"),
        help_text=_("Optional: draw this many questions with each tag; the rest at random."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    feedback_policy = models.CharField(
        _("show feedback"),
        max_length=30,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.AFTER_EACH_ATTEMPT,
    )
    required_for_completion = models.BooleanField(_("required for completion"), default=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    questions = StreamField(QuestionStreamBlock(), blank=True, verbose_name=_("questions"))
    banks = ParentalManyToManyField(
        QuestionBank,
        blank=True,
        related_name="quizzes",
        verbose_name=_("question banks"),
        help_text=_("Every question of these banks joins the pool."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("estimated_minutes"),
                FieldPanel("required_for_completion"),
                FieldPanel("feedback_policy"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("questions_per_attempt"),
                FieldPanel("draw_rules"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
            ],
            heading=_("Drawing questions"),
        ),
        FieldPanel("questions"),
        FieldPanel("banks"),
    ]
    # Questions are deliberately not indexed: search must not lead anyone to an answer key.
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = QuizPageForm

    outline_kind = "quiz"
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    # Editors can preview the quiz page, its questions exactly as a learner gets them, and the key.
    preview_modes = [
        ("", _("Quiz page")),
        ("learner", _("Questions as a learner sees them")),
        ("answer_key", _("Answer key")),
    ]

    constraint_fields = {"quiz_pass_mark_at_most_100": "pass_mark"}

    class Meta:
        verbose_name = _("quiz")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100),
                name="quiz_pass_mark_at_most_100",
                violation_error_message=_("The pass mark must be between 0 and 100."),
            ),
        ]

    def question_pool(self) -> list:
        """Every question a draw may pick: inline ones first, then each bank's, in order."""
        pool = list(self.questions)
        for bank in self.banks.all():
            pool.extend(bank.questions)
        return pool

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_item_context(self, request))
        pool = self.question_pool()
        context["question_count"] = min(self.questions_per_attempt or len(pool), len(pool))
        return context

    def serve_preview(self, request, mode_name):
        if mode_name == "answer_key":
            context = self.get_context(request)
            context["questions"] = self.question_pool()
            return TemplateResponse(request, "courses/quiz_answer_key.html", context)
        if mode_name == "learner":
            context = self.get_context(request)
            context["learner_questions"] = [learner_view(q) for q in self.question_pool()]
            context["disabled"] = True
            return TemplateResponse(request, self.get_template(request), context)
        return super().serve_preview(request, mode_name)
