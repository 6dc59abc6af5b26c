"""Run by tests/services/test_cohort_capacity.py in two separate processes at once.

Usage: python -m tests.services.approve_application <application id> <actor id> <start at epoch>
Waits until the given instant so both processes approve together, then prints the outcome:
"approved", or "refused:<LmsError code>".
"""

import sys
import time

import django

django.setup()

from accounts.models import User  # noqa: E402
from lms.cohorts.applications import cohort_application_decide  # noqa: E402
from lms.errors import LmsError  # noqa: E402
from lms.models import CohortApplication  # noqa: E402

application_id, actor_id, start_at = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
application = CohortApplication.objects.get(pk=application_id)
actor = User.objects.get(pk=actor_id)
time.sleep(max(0.0, start_at - time.time()))
try:
    cohort_application_decide(application=application, approve=True, actor=actor)
except LmsError as error:
    sys.stdout.write(f"refused:{error.code}\n")
else:
    sys.stdout.write("approved\n")
