# GCM Talks. `make run` to try it, `make test` for everything CI checks.
SHELL := /bin/bash
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/gcmtalks
TEST_ENV := SECRET_KEY=test-only-secret DEBUG=0 SECURE_SSL_REDIRECT=0 PUBLIC_CACHE_SECONDS=0 REDIS_URL=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install migrate seed test lint test-sqlite test-postgres test-browser bench lock superuser clean

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
	$(TEST_ENV) $(VENV)/bin/pytest -m "not browser" -n 2 -q

test-postgres: staticfiles/staticfiles.json
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser" -n 2 -q

# axe-core, pinned in package-lock.json, checks pages for WCAG 2.1 AA in the browser tests.
# npm keeps the packed files' old dates, hence the touch.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test-browser: staticfiles/staticfiles.json node_modules/axe-core/axe.min.js
	$(TEST_ENV) $(VENV)/bin/pytest -m browser -q

test: lint test-sqlite test-postgres test-browser

bench: install
	$(PY) bench/run.py

lock:
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) staticfiles node_modules

# Translations: gather the strings into gcmtalks/locale/*/django.po, then compile the .mo files.
.PHONY: messages
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr -l es -l ar -l zh_Hans -l ru --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --ignore=var
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv
