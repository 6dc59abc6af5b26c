from lms.services.attempts import (
    quiz_attempt_expire_overdue,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.services.completion import completion_evaluate
from lms.services.enrolment import (
    enrolment_create,
    enrolment_touch,
    enrolment_view_record,
    enrolment_withdraw,
)
from lms.services.progress import lesson_complete

__all__ = [
    "completion_evaluate",
    "enrolment_create",
    "enrolment_touch",
    "enrolment_view_record",
    "enrolment_withdraw",
    "lesson_complete",
    "quiz_attempt_expire_overdue",
    "quiz_attempt_save",
    "quiz_attempt_start",
    "quiz_attempt_submit",
]
