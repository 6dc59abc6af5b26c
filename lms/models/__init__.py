from lms.cohorts.models import (
    Attendance,
    AttendanceChange,
    Cohort,
    CohortApplication,
    CohortSession,
)
from lms.models.learning import (
    Completion,
    Enrolment,
    EnrolmentEvent,
    LessonProgress,
    QuizAttempt,
)
from lms.models.nudges import Nudge, NudgePreference, TrainerDigest
from lms.models.offline import IdempotencyKey

__all__ = [
    "Attendance",
    "AttendanceChange",
    "Cohort",
    "CohortApplication",
    "CohortSession",
    "Completion",
    "Enrolment",
    "EnrolmentEvent",
    "IdempotencyKey",
    "LessonProgress",
    "Nudge",
    "NudgePreference",
    "QuizAttempt",
    "TrainerDigest",
]
