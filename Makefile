# Two commands matter: `make demo` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test worker-test bench bench-quick stress test-postgres browser-test lint format migrations-check messages build wheel-check tox clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,worker]"
	touch $(STAMP)

# The tracked links and admin links the demo hands out point at the server it starts.
DEMO_URL = http://$(HOST):$(PORT)
DEMO_ENV := WAGTAIL_ADVOCACY_PUBLIC_BASE_URL=$(DEMO_URL) WAGTAILADMIN_BASE_URL=$(DEMO_URL)
demo: $(STAMP)
	cd example_site && $(DEMO_ENV) ../$(BIN)/python manage.py migrate --noinput
	cd example_site && $(DEMO_ENV) ../$(BIN)/python manage.py advocacy_demo
	@echo "Serving the example intranet on $(DEMO_URL)/ (log in with the accounts above)"
	cd example_site && $(DEMO_ENV) ../$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite, browser tests included (tests/browser/: Playwright driving Debian's
# Chromium, /usr/bin/chromium; skipped with a message when it is missing, a failure in CI).
test: $(STAMP) lint migrations-check
	$(BIN)/python -m pytest
	$(MAKE) worker-test

# The task paths with django-tasks-db and real `manage.py db_worker` processes, on a
# SQLite file the workers share (tests/worker/, about a minute).
worker-test: $(STAMP)
	$(BIN)/python -m pytest --ds=tests.settings_worker tests/worker

# The whole suite on a throwaway PostgreSQL 15 cluster (initdb in a temporary folder, run
# as the postgres user on a free local port, removed afterwards, also on failure).
test-postgres: $(STAMP)
	bash scripts/with_postgres.sh $(BIN)/python -m pytest

# The benchmarks on a throwaway PostgreSQL 15 (about 20 minutes, up to a million clicks):
# each figure against its target in benchmarks/RESULTS.md. bench-quick: a smoke run on SQLite
# (go_redirect on its own throwaway PostgreSQL: it measures over HTTP with gunicorn).
bench: $(STAMP)
	bash scripts/with_postgres.sh $(BIN)/python benchmarks/run_all.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --quick --output /tmp/advocacy-bench-quick.md

# An end-to-end stress run of the production topology on a throwaway PostgreSQL 15 cluster:
# two gunicorns and two db_workers, 200 shares and 20,000 tracked-link clicks (several
# minutes); every click, point, badge and daily figure must come out exact. Not in `make test`.
stress: $(STAMP)
	bash scripts/with_postgres.sh $(BIN)/python scripts/stress.py

# Only the browser tests (about two minutes).
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/browser

# The README's and docs' screenshots (docs/img/), desktop and phone, from a throwaway demo.
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check wagtail_advocacy example_site tests benchmarks scripts
	$(BIN)/ruff format --check wagtail_advocacy example_site tests benchmarks scripts
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format wagtail_advocacy example_site tests benchmarks scripts
	$(BIN)/ruff check --fix wagtail_advocacy example_site tests benchmarks scripts

migrations-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=.:example_site $(BIN)/django-admin makemigrations --check --dry-run

messages: $(STAMP)
	cd wagtail_advocacy && ../$(BIN)/django-admin makemessages -l fr --no-obsolete
	cd wagtail_advocacy && ../$(BIN)/django-admin compilemessages

build: $(STAMP)
	$(BIN)/python -m pip install --quiet build
	rm -rf dist build
	$(BIN)/python -m build > /tmp/advocacy-build.log 2>&1 || (cat /tmp/advocacy-build.log; exit 1)
	@tail -1 /tmp/advocacy-build.log
	@# The packaging configuration lists every data folder: no "Package would be ignored".
	@! grep -q "would be ignored" /tmp/advocacy-build.log || (echo "setuptools warns that packages would be ignored: fix setup.cfg"; exit 1)

# The built wheel, installed alone in a fresh virtualenv, runs the example intranet
# (checks, migrations, demo data, the share hub): templates, static files, translations
# and migrations must all be inside it.
WHEEL_VENV ?= /tmp/advocacy-wheel-check
WHEEL_DB ?= /tmp/advocacy-wheel.sqlite3
WHEEL_ENV := DJANGO_DEBUG=1 ADVOCACY_SQLITE_PATH=$(WHEEL_DB)
wheel-check: build
	rm -rf $(WHEEL_VENV) $(WHEEL_DB) && $(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet dist/wagtail_advocacy-*.whl
	cd example_site && $(WHEEL_ENV) $(WHEEL_VENV)/bin/python manage.py check --fail-level ERROR
	cd example_site && $(WHEEL_ENV) $(WHEEL_VENV)/bin/python manage.py migrate --noinput -v0
	cd example_site && $(WHEEL_ENV) $(WHEEL_VENV)/bin/python manage.py advocacy_demo
	cd example_site && $(WHEEL_ENV) $(WHEEL_VENV)/bin/python ../.ci/wheel_smoke.py

# A real install as docs/installation.md describes it: the wheel in a fresh virtualenv, a
# new `wagtail start` project, DEBUG off, ManifestStaticFilesStorage (see the script).
.PHONY: install-check
install-check: $(STAMP)
	bash .ci/install_check.sh

# The oldest and newest supported combinations (used by CI).
tox: $(STAMP)
	$(BIN)/tox run -e oldest,newest

clean:
	rm -rf $(VENV) .tox build dist *.egg-info example_site/db.sqlite3
