"""Staff review of storefront applications: the reviewers' decisions (decisions.py) and the
e-mail that tells reviewers of each submission (reviewer_notice.py). The admin screens use what
this package exports."""

from marketplace_link.review.decisions import (
    CERTIFICATE_STATUS_LABELS,
    LOG_APPROVE,
    LOG_REJECT,
    LOG_REQUEST_CHANGES,
    LOG_STOREFRONT_RETRY,
    MESSAGE_MAX_LENGTH,
    ReviewError,
    application_approve,
    application_reject,
    application_request_changes,
    certificate_status,
)

__all__ = [
    "CERTIFICATE_STATUS_LABELS",
    "LOG_APPROVE",
    "LOG_REJECT",
    "LOG_REQUEST_CHANGES",
    "LOG_STOREFRONT_RETRY",
    "MESSAGE_MAX_LENGTH",
    "ReviewError",
    "application_approve",
    "application_reject",
    "application_request_changes",
    "certificate_status",
]
