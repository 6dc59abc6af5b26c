"""The domain events lms sends downstream (docs/architecture.md, "Events").

Each is sent once, after the transaction that made it true commits, with ids only. A receiver in
a downstream app does nothing but enqueue its own task (``task.delay_on_commit(...)``), so a slow
or failing consumer never runs inside the learner's request.
"""

from django.dispatch import Signal

# Sent with ``completion_id`` once per Completion, after it is committed. Receivers:
# certificates (issue the certificate).
course_completed = Signal()
