"""Course content: Wagtail pages and snippets. Learner state lives in lms, never here."""

from courses.models.catalog import CatalogPage
from courses.models.certificate_template import CertificateTemplate
from courses.models.course import CourseFormat, CourseLevel, CoursePage, CourseTag, ModulePage
from courses.models.home import HomePage
from courses.models.lesson import LessonPage
from courses.models.quiz import FeedbackPolicy, QuestionBank, QuestionBankTag, QuizPage
from courses.models.standard import StandardPage

__all__ = [
    "CatalogPage",
    "CertificateTemplate",
    "CourseFormat",
    "CourseLevel",
    "CoursePage",
    "CourseTag",
    "FeedbackPolicy",
    "HomePage",
    "LessonPage",
    "ModulePage",
    "QuestionBank",
    "QuestionBankTag",
    "QuizPage",
    "StandardPage",
]
