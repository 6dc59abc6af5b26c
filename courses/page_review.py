"""What a trainer needs to know about the review of a page: who asked for changes, when, and why.

Wagtail keeps the reviewer's comment on the rejected task state and shows it only in the status
panel's "View details" dialog, whose heading names the person who *submitted* the page. Trainers
missed it, so the page editor shows it above the form (templates/wagtailadmin/
pages/edit.html) and the e-mail quotes it (templates/wagtailadmin/notifications/).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name


@dataclass(frozen=True)
class ChangesRequested:
    reviewer: str
    at: datetime
    comment: str
    task: str


def changes_requested(obj) -> ChangesRequested | None:
    """The review that sent `obj` (a page or snippet in a workflow) back to its author, if any."""
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None:
        return None
    task_state = task_state.specific
    return ChangesRequested(
        reviewer=user_display_name(task_state.finished_by) if task_state.finished_by else "",
        at=task_state.finished_at,
        comment=task_state.get_comment(),
        task=task_state.task.name,
    )
