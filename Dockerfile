# syntax=docker/dockerfile:1
# Isoko's production image: gunicorn (web), Celery (worker, beat) and manage.py from one image.
#
#   docker build -t isoko .
#   docker run --env-file .env isoko                       # web (gunicorn on :8000)
#   docker run --env-file .env isoko celery -A config worker -l info
#   docker run --env-file .env isoko python manage.py migrate
#
# Two stages: the builder installs the locked requirements (hash-checked) into a virtualenv with
# uv, with their bytecode (the runtime writes none, PYTHONDONTWRITEBYTECODE: without it each
# process compiled what it imported, 4.7 s of CPU per Django start instead of 2.2), and compiles
# the translation catalogues (gettext); the runtime stage is slim Debian bookworm with only what
# runs: Python 3.11, WeasyPrint's libraries and fonts, the PostgreSQL client (for
# deploy/backup.sh and restore.sh), the venv, the code, compiled .mo files and collected static
# files. It runs as an unprivileged user. See docs/deployment.md.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
# The same uv as the Makefile's UV_VERSION.
RUN pip install uv==0.13.8
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN uv venv /opt/venv --python /usr/local/bin/python3 \
 && uv pip install --python /opt/venv/bin/python --require-hashes --no-cache \
      --compile-bytecode -r requirements/base.txt
COPY locale/ locale/
RUN for po in locale/*/LC_MESSAGES/django.po; do \
      msgfmt --check-format -o "${po%.po}.mo" "$po"; \
    done

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PORT=8000 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus
# WeasyPrint (certificate PDFs): Pango, its FreeType backend and HarfBuzz's subsetter, with the
# DejaVu fonts (the list .ci/run installs); curl-free health checks use Python itself.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
      postgresql-client \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 isoko \
 && useradd --system --uid 10001 --gid isoko --home-dir /app --shell /usr/sbin/nologin isoko
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=root:root . .
COPY --from=builder /app/locale/ locale/
# Static files are collected into the image (WhiteNoise serves the hashed, compressed copies).
# collectstatic only needs settings that load: throw-away values, not kept in the image.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
    REDIS_URL=redis://build.invalid:6379/0 ISOKO_CREDENTIAL_KEYS='[]' \
    WAGTAILADMIN_BASE_URL=https://build.invalid ISOKO_MARKETPLACE_KEY_ID=build \
    ISOKO_MARKETPLACE_SECRET=build \
    python manage.py collectstatic --noinput -v0 \
 && rm -f /tmp/build.db \
 && mkdir -p /app/var/media /app/var/private /tmp/prometheus \
 && chown -R isoko:isoko /app/var /tmp/prometheus
# Numeric, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd (hadolint DL3066).
USER 10001:10001
EXPOSE 8000
# /healthz checks the database and the broker (deploy/healthcheck.py). It is exempt from the
# HTTPS redirect; the Host header must be one of ALLOWED_HOSTS, so the probe sends the first.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi:application"]
