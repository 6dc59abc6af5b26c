"""Receivers of the domain events upstream of certificates (docs/architecture.md, "Events").

A receiver only enqueues this app's own task, after commit: the work (rendering, signing,
e-mailing) runs in a worker, retried there, never in the request that sent the event.
"""


def on_course_completed(sender, completion_id: int, **kwargs) -> None:
    """lms's ``course_completed``: issue the learner's certificate."""
    from certificates.tasks import issue_for_completion_task

    issue_for_completion_task.delay_on_commit(completion_id)
