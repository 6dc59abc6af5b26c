# Isoko: two commands. `make run` serves the demo; `make test` runs every check.
# Both are idempotent: a second run only re-does what changed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
PORT   ?= 8000
SANDBOX_PORT ?= 8910
UV_VERSION := 0.13.8
MANAGE := $(PY) manage.py
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test test-fast setup setup-test lint contracts pytest migrate seed messages \
        makemessages services-run worker beat bench load clean lighthouse

# The two ports, one setting each. Every process `make run` starts (migrate and seed_demo, which
# render certificates, and each Procfile process) gets them as ISOKO_PORT and SANDBOX_PORT: the
# site's addresses, the sandbox's webhooks to the site and the site's calls to the sandbox all
# follow from them. honcho's PORT cannot carry the site's: it gives each process its own.
run migrate seed worker beat: export ISOKO_PORT := $(PORT)
run migrate seed worker beat: export SANDBOX_PORT := $(SANDBOX_PORT)

## make run: set up, migrate, seed the demo, and serve on http://127.0.0.1:$(PORT)
##   make run PORT=8001 SANDBOX_PORT=8911   other ports
##   make run DEBUG=1                       Django's debug pages (development only, never a demo)
run: setup migrate seed
	@echo ""
	@echo "  Isoko is starting on http://127.0.0.1:$(PORT)/  (Wagtail admin: /admin/)"
	@echo "  The sandbox marketplace: http://127.0.0.1:$(SANDBOX_PORT)/"
	@echo "  Log in with the demo accounts and password printed above by seed_demo."
	@echo ""
ifneq ($(strip $(REDIS_URL)),)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start
else
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.embedded start
endif

## make test: set up with the test extras, then ruff, the import contracts and pytest
test: setup-test lint contracts pytest

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: every installed module's bytecode is written once, at install. Without it
# each Python process compiles what it imports wherever bytecode is not cached (a read-only tree,
# or PYTHONDONTWRITEBYTECODE as in the Docker image and on the shared 2-core machine): a Django
# start (manage.py, a Celery worker, each test subprocess) took 4.7 s of CPU, not 2.2.
$(VENV)/.installed-base: requirements/base.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) --require-hashes \
		-r requirements/base.txt
	@touch $@ $(VENV)/.compiled

$(VENV)/.installed-test: requirements/test.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) --require-hashes \
		-r requirements/test.txt
	@touch $@ $(VENV)/.installed-base $(VENV)/.compiled

# Once, for a virtualenv installed before --compile-bytecode above (about 20 s on 2 cores).
$(VENV)/.compiled: | $(VENV)/.installed-base
	$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
	@touch $@

setup: $(VENV)/.installed-base $(VENV)/.compiled messages var

setup-test: $(VENV)/.installed-test $(VENV)/.compiled node_modules/.installed messages var

# axe-core for the crawl's accessibility checks (tests/crawl/), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js (see README)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var:
	@mkdir -p var/mail var/media var/static

## Compiled translation catalogues (needs gettext's msgfmt)
messages: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (see README)"; exit 1; }
	msgfmt --check-format -o $@ $<

makemessages: setup
	$(MANAGE) makemessages --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench \
		-l fr -l rw -l sw -l zh_Hans

migrate: setup
	$(MANAGE) migrate --no-input -v 0

seed: setup
	$(MANAGE) seed_demo

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

contracts: setup-test
	$(VENV)/bin/lint-imports

# pytest runs once, over TEST_WORKERS pytest-xdist processes, each with its own test database,
# media, key files and cache keys (config/settings/test.py). Work goes out a module at a time, the
# long waiting units first (the crawl, the service-bound tests as one unit, the real make run:
# tests/xdist_schedule.py), so their waiting overlaps the CPU-bound unit tests; three workers on
# two cores keep both cores busy while one of them waits. On PostgreSQL the test database is
# migrated once and cloned per worker (tests/xdist_db.py). Records of every worker go to var/
# (tests/records.py).
TEST_WORKERS ?= 3
SERIAL := services or browser or make_run
PYTEST := DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest
UNIT_PART := $(PYTEST) -n $(TEST_WORKERS) --dist loadscope -m "not ($(SERIAL))"

pytest: setup-test
	@rm -f var/marked-tests.json var/test-durations.json
	$(PYTEST) -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

## make test-fast: the inner loop: the unit part only, no lint, the test databases kept between runs
test-fast: setup-test
	$(UNIT_PART) --reuse-db $(PYTEST_ARGS)

## With DATABASE_URL and REDIS_URL: a Celery worker and beat on their own
worker: setup
	$(VENV)/bin/celery -A config worker -l info
beat: setup
	$(VENV)/bin/celery -A config beat -l info --schedule var/celerybeat-schedule

## make bench: every bench to the end, then a summary (exit 1 if any failed); docs/performance.md
##   make bench BENCHES="home_page production_pages"   only those
# --- bench (issue 15, item 8) -------------------------------------------------------------------
bench: setup-test
	$(PY) bench/_run_all.py $(BENCHES)
# --- end bench ----------------------------------------------------------------------------------

## make lighthouse: Lighthouse (mobile, slow 4G) on a lesson and the dashboard, production-shaped;
##   exit 1 unless accessibility 100, best practices >= 95, performance >= 90 and installable
# --- lighthouse (issue 16) ----------------------------------------------------------------------
lighthouse: setup-test
	$(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)
# --- end lighthouse -----------------------------------------------------------------------------

# ---- load test (bench/load/, docs/capacity.md) ------------------------------------------------
# Locust at rising user counts against the whole system on PostgreSQL and Redis, until p95 passes
# 500 ms or failures pass 1%. Its packages (the `bench` extra) are installed only here.
#   make load                                  the default steps
#   make load LOAD_ARGS="--steps 10,50 --step-seconds 30 --learners 2000"
LOAD_ARGS ?=
$(VENV)/.installed-bench: requirements/bench.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) --require-hashes \
		-r requirements/bench.txt
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-base $(VENV)/.compiled

load: $(VENV)/.installed-bench messages var
	$(PY) bench/load/run.py $(LOAD_ARGS)
# ---- end load test -------------------------------------------------------------------------------

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache node_modules

## Re-pin the lock files after editing pyproject.toml
lock: | $(UV)
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.txt
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q --extra test -o requirements/test.txt
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q --extra test --extra bench -c requirements/test.txt -o requirements/bench.txt
