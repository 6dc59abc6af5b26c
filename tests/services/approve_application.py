"""Run by tests/services/test_cohort_capacity.py in two separate processes at once.

Usage: python -m tests.services.approve_application <application id> <actor id>
Prints "ready" once Django is up and the rows are loaded, waits for a line on stdin (the test
sends it to both processes once both are ready, so they approve together), then prints the
outcome: "approved", or "refused:<LmsError code>".
"""

import sys

import django

django.setup()

from accounts.models import User  # noqa: E402
from lms.cohorts.applications import cohort_application_decide  # noqa: E402
from lms.errors import LmsError  # noqa: E402
from lms.models import CohortApplication  # noqa: E402

application_id, actor_id = int(sys.argv[1]), int(sys.argv[2])
application = CohortApplication.objects.get(pk=application_id)
actor = User.objects.get(pk=actor_id)
sys.stdout.write("ready\n")
sys.stdout.flush()
sys.stdin.readline()
try:
    cohort_application_decide(application=application, approve=True, actor=actor)
except LmsError as error:
    sys.stdout.write(f"refused:{error.code}\n")
else:
    sys.stdout.write("approved\n")
