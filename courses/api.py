"""The only module other apps may import from courses (enforced by import-linter)."""

from courses.demo_curriculum import demo_curriculum_seed
from courses.models import (
    CourseFormat,
    CourseLevel,
    CoursePage,
    FeedbackPolicy,
    LessonPage,
    QuizPage,
)
from courses.questions import (
    AnswerError,
    Grade,
    LearnerQuestion,
    grade,
    learner_view,
    question_tags,
)
from courses.selectors import Outline, course_outline
from courses.services import editorial_setup
from courses.site_setup import seed_demo_site

__all__ = [
    "AnswerError",
    "CourseFormat",
    "CourseLevel",
    "CoursePage",
    "FeedbackPolicy",
    "Grade",
    "LearnerQuestion",
    "LessonPage",
    "Outline",
    "QuizPage",
    "course_outline",
    "editorial_setup",
    "grade",
    "learner_view",
    "question_tags",
    "demo_curriculum_seed",
    "seed_demo_site",
]
