"""gunicorn's configuration for the container image and the compose file (docs/deployment.md).

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application

- Workers: WEB_CONCURRENCY processes (default 3), sync workers; a request that runs longer than
  GUNICORN_TIMEOUT seconds (default 60) gets its worker restarted.
- Access lines come from the app (config/observability.py: one JSON line per request, with its
  request id and no query string), so gunicorn's own access log is off.
- Prometheus multiprocess mode (PROMETHEUS_MULTIPROC_DIR): each worker writes its samples to
  files in that directory and /metrics sums them. Files of a previous run would be summed too, so
  the directory is emptied when the master starts, and a dead worker's live gauges are dropped.
"""

import os
import shutil
from pathlib import Path

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Behind the proxy, which keeps client connections; a short keep-alive frees workers sooner.
keepalive = 5
# Restart each worker after a while (jittered), bounding slow memory growth.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
# The proxy sets X-Forwarded-For/Proto; it reaches gunicorn over the private network only.
forwarded_allow_ips = "*"
# gunicorn >= 25.1's control socket (gunicornc) defaults to $HOME/.gunicorn/; the image's user
# has /app as its home, read-only to it ("Control server error: Permission denied:
# '/app/.gunicorn'", found running the image). /tmp is writable (a tmpfs in compose.yaml).
control_socket = "/tmp/gunicorn.ctl"


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
