"""Run by tests/services/test_concurrent_submit.py in two separate processes at once.

Usage: python -m tests.services.submit_attempt <attempt public id> <user id> <start at epoch>
Waits until the given instant so both processes submit together, then prints the outcome.
"""

import sys
import time

import django

django.setup()

from accounts.models import User  # noqa: E402
from lms.services import quiz_attempt_submit  # noqa: E402

attempt_id, user_id, start_at = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
learner = User.objects.get(pk=user_id)
time.sleep(max(0.0, start_at - time.time()))
attempt, notice = quiz_attempt_submit(learner=learner, attempt_id=attempt_id, answers={})
sys.stdout.write(f"{attempt.finished_at.isoformat()}|{notice or 'graded'}\n")
