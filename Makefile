# GCM Talks. `make run` to try it, `make test` for everything CI checks.
SHELL := /bin/bash
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/gcmtalks
TEST_ENV := SECRET_KEY=test-only-secret DEBUG=0 SECURE_SSL_REDIRECT=0 PUBLIC_CACHE_SECONDS=0 REDIS_URL=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install migrate seed test lint audit test-faults test-fuzz test-sqlite test-postgres test-browser bench lock superuser clean prod prod-smoke test-faults test-fuzz

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var/mail
	DEBUG=1 $(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(PY) manage.py load_seed_calendar

run: seed
	@echo "GCM Talks on http://127.0.0.1:$(PORT)/  (admin: make superuser, then /admin/)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

superuser: migrate
	DEBUG=1 $(PY) manage.py createsuperuser

# Tests run with production settings (DEBUG off), so they need the collected static files.
staticfiles/staticfiles.json: install $(shell find gcmtalks -path '*/static/*' -type f)
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

test-sqlite: staticfiles/staticfiles.json
	$(TEST_ENV) $(VENV)/bin/pytest -m "not browser and not prod and not faults and not fuzz" -n 2 -q

test-postgres: staticfiles/staticfiles.json
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser and not prod and not faults and not fuzz" -n 2 -q

# axe-core, pinned in package-lock.json, checks pages for WCAG 2.1 AA in the browser tests.
# npm keeps the packed files' old dates, hence the touch.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test-browser: staticfiles/staticfiles.json node_modules/axe-core/axe.min.js
	$(TEST_ENV) $(VENV)/bin/pytest -m browser -q

# pip-audit in its own environment, from its own lock; bin/audit fails on a known
# vulnerability and reports the packages the vulnerability service could not look up.
.venv-audit/.installed: requirements-audit.lock
	test -x .venv-audit/bin/python || $(PYTHON) -m venv .venv-audit
	.venv-audit/bin/python -m pip install -q -r requirements-audit.lock
	touch $@

audit: .venv-audit/.installed
	$(PY) bin/audit

# The production topology (bin/prod) on a free port with a new database: someone registers
# through HTTP and the task worker sends the mail. Needs PostgreSQL and Redis on loopback.
prod-smoke: install
	$(TEST_ENV) $(VENV)/bin/pytest -m prod -q tests/prod

# Faults made on purpose against real processes and PostgreSQL on loopback: the mail server
# down then up (no mail lost or doubled), a task worker killed mid-send (the task finishes
# once), the database restarted under a registration burst (503s, nothing lost).
test-faults: staticfiles/staticfiles.json
	$(TEST_ENV) $(VENV)/bin/pytest -m faults -q tests/faults

# Generated inputs (GCM Talks issue 9): schemathesis against /api/v1/openapi.json and
# hypothesis on the forms, at least 10,000 in all (the suite fails if fewer ran), no 5xx.
test-fuzz: staticfiles/staticfiles.json
	$(TEST_ENV) FUZZ_REQUIRED=10000 DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m fuzz -n 2 -q tests/fuzz

test: lint audit test-sqlite test-postgres test-browser prod-smoke test-faults test-fuzz

# The production topology on this machine, from the environment (README: Running it in
# production): migrate, collectstatic, gunicorn on 127.0.0.1:$$PORT, $$WORKERS task workers.
prod: install
	$(PY) bin/prod

bench: install
	$(PY) bench/run.py

lock:
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) .venv-audit staticfiles node_modules

# Translations: gather the strings into gcmtalks/locale/*/django.po, then compile the .mo files.
.PHONY: messages
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr -l es -l ar -l zh_Hans -l ru --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --ignore=var
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv
