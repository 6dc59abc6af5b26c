"""Admin page forms with the checks that span several fields of a page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from courses.questions import pool_problems, question_tags


class QuizPageForm(WagtailAdminPageForm):
    """A quiz cannot be saved, submitted or published with draw settings its pool cannot meet.

    The per-question rules (a correct option, one for single choice, a non-negative tolerance, two
    ordering items) are checked by each question block's ``clean``. Only an empty pool is let
    through on "Save draft", so a trainer can save a quiz before writing its questions.
    """

    def clean(self):
        cleaned = super().clean()
        questions = cleaned.get("questions")
        banks = cleaned.get("banks")
        if questions is None or banks is None:
            return cleaned  # a field already failed; its own error says why
        pool = list(questions)
        for bank in banks:
            pool.extend(bank.questions)
        counts: dict[str, int] = {}
        for question in pool:
            for tag in question_tags(question):
                counts[tag] = counts.get(tag, 0) + 1
        draws = [(d.value["tag"], d.value["count"] or 0) for d in cleaned.get("draw_rules") or []]
        per_attempt = cleaned.get("questions_per_attempt")
        problems = pool_problems(
            pool_size=len(pool), per_attempt=per_attempt, draws=draws, tag_counts=counts
        )
        if self.is_deferred_validation:
            problems = [(name, message) for name, message in problems if name != "questions"]
        drawn_by_tag = sum(count for _tag, count in draws)
        if per_attempt and drawn_by_tag > per_attempt:
            message = _(
                "The draw rules ask for %(drawn)d questions, more than the %(wanted)d per attempt."
            )
            problems.append(
                ("draw_rules", str(message) % {"drawn": drawn_by_tag, "wanted": per_attempt})
            )
        for name, message in problems:
            self.add_error(name, message)
        return cleaned


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        prerequisites = cleaned.get("prerequisites")
        if prerequisites is not None and self.instance.pk:
            if any(course.pk == self.instance.pk for course in prerequisites):
                self.add_error("prerequisites", _("A course cannot be its own prerequisite."))
        return cleaned
