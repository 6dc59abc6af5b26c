"""Admin page forms with the checks that span several fields of a page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from courses.questions import pool_problems, tag_counts


def _draws(draw_rules) -> list[tuple[str, int]]:
    return [(rule.value["tag"], rule.value["count"] or 0) for rule in draw_rules or []]


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
        draws = _draws(cleaned.get("draw_rules"))
        per_attempt = cleaned.get("questions_per_attempt")
        problems = pool_problems(
            pool_size=len(pool), per_attempt=per_attempt, draws=draws, tag_counts=tag_counts(pool)
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


class QuestionBankForm(WagtailAdminModelForm):
    """A bank cannot shrink below what the quizzes drawing from it need.

    Each live quiz that uses the bank is checked with the bank's new questions: if a quiz would
    then ask for more questions (or more of a tag) than its pool holds, the save is refused and
    the message names the quiz.
    """

    def clean(self):
        cleaned = super().clean()
        questions = cleaned.get("questions")
        if questions is None or not self.instance.pk:
            return cleaned
        for quiz in self.instance.quizzes.prefetch_related("banks"):
            pool = list(quiz.questions) + list(questions)
            for bank in quiz.banks.all():
                if bank.pk != self.instance.pk:
                    pool.extend(bank.questions)
            problems = pool_problems(
                pool_size=len(pool),
                per_attempt=quiz.questions_per_attempt,
                draws=_draws(quiz.draw_rules),
                tag_counts=tag_counts(pool),
            )
            for _field, message in problems:
                self.add_error(
                    "questions",
                    _("The quiz “%(quiz)s” draws from this bank: %(problem)s")
                    % {"quiz": quiz.title, "problem": message},
                )
        return cleaned
