"""Run the Celery command line after overriding Django settings given as JSON.

    python config/celery_with_settings.py '{"CELERY_TASK_DEFAULT_QUEUE": "q1"}' -A config worker …

For the service-bound tests and the benchmarks only: their workers need a private default queue
(so the tasks a task enqueues stay on it) or real task dispatch under the test settings, which
are not worth a settings module each. Production workers use `celery -A config worker`.
"""

import json
import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, Python puts config/ first on the path, where config/celery.py would shadow
    # the celery package: put the project root there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    from django.conf import settings

    for name, value in json.loads(sys.argv[1]).items():
        setattr(settings, name, value)
    from celery.__main__ import main

    sys.argv = ["celery", *sys.argv[2:]]
    main()
