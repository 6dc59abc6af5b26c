"""The only module other apps may import from courses (enforced by import-linter)."""

from courses.demo_curriculum import demo_curriculum_seed

# The page classes are exported for lms, which is built on the page tree: its rows point at the
# pages by foreign key, it walks a course's pages (Wagtail's descendant_of, ancestor_of and live()
# take and return these types) and it type-checks them; elsewhere only as type hints. Another app
# asks its question through a selector below (certificate_terms, course_of, trained_courses, …)
# instead of querying them. CourseFormat, CourseLevel and FeedbackPolicy are choices, not tables.
from courses.models import (
    CourseFormat,
    CourseLevel,
    CoursePage,
    FeedbackPolicy,
    LessonPage,
    QuizPage,
)

# The read API for partner systems (partner_api, issue 17): the public catalogue.
from courses.partner_feed import catalogue_course, catalogue_feed
from courses.questions import (
    AnswerError,
    Grade,
    LearnerQuestion,
    grade,
    learner_view,
    question_tags,
)
from courses.selectors import (
    CertificateTerms,
    Outline,
    certificate_terms,
    content_generation,
    course_of,
    course_outline,
    course_trainers,
    storefront_course_ids,
    storefront_courses,
    storefront_live_courses,
    trained_courses,
)
from courses.services import editorial_setup
from courses.site_setup import seed_demo_site

__all__ = [
    "AnswerError",
    "CertificateTerms",
    "CourseFormat",
    "CourseLevel",
    "CoursePage",
    "FeedbackPolicy",
    "Grade",
    "LearnerQuestion",
    "LessonPage",
    "certificate_terms",
    "content_generation",
    "course_of",
    "course_trainers",
    "Outline",
    "QuizPage",
    "course_outline",
    "editorial_setup",
    "grade",
    "learner_view",
    "question_tags",
    "demo_curriculum_seed",
    "seed_demo_site",
    "storefront_course_ids",
    "storefront_courses",
    "storefront_live_courses",
    "trained_courses",
    "catalogue_course",
    "catalogue_feed",
]
