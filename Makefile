# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export DEMO_PASSWORD ?= demo12345

.PHONY: run test bench loadtest lint format install install-dev messages clean document-previews screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==24.3.1

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate the SQLite database, load the demo, serve on 127.0.0.1:8000.
run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo
	DEBUG=true $(BIN)/python manage.py runserver $(HOST)

## make test: install and run the whole suite (SQLite unless DATABASE_URL says otherwise).
test: install-dev
	bash scripts/ensure-system-packages.sh
	$(BIN)/pytest

## make screenshots: every persona's main pages on the demo, desktop and 390 px phone, into
## docs/screenshots/ (the same browser test that checks them with axe-core and for width).
screenshots: install-dev
	bash scripts/ensure-system-packages.sh
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest -p no:cacheprovider tests/e2e/test_demo_pages.py

## make bench: speed figures (printed, and written to docs/bench/figures-<database>.json; never
## asserted) on scratch databases: a throwaway SQLite file, or, with
## DATABASE_URL=postgres://user@host:port/any, databases created and dropped on that server.
## The audit chain, the province (pages at 1,000 and at 100,000 nominations with 1,000,000
## audit events, the lifecycle and its SQL floor, one user action beside the django-fsm-2 peer
## (scripts/peer, in .venv-peer) and a per-action SQL floor), the papers and the Excel import.
bench: install
	bash scripts/bench.sh

## make loadtest: 50 users for 60 s against gunicorn + PostgreSQL + Redis + a Celery worker on
## this machine (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379); figures in
## docs/bench/loadtest.json, and any failed request fails the target.
.venv-load/.installed: requirements-loadtest.txt
	$(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet -r requirements-loadtest.txt
	touch $@

loadtest: install .venv-load/.installed
	bash scripts/loadtest/run.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Recompile the translation catalogues after editing locale/*/LC_MESSAGES/django.po.
## make messages: gather new strings into the English catalogue (translate them: fuzzy guesses
## are refused by the tests), then compile it.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=tests --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make document-previews: first pages of each paper, from the demo, as PNG in docs/documents/.
PREVIEW_DB := /tmp/thidua-previews.sqlite3
document-previews: install
	rm -f $(PREVIEW_DB)
	DATABASE_URL=sqlite:///$(PREVIEW_DB) MEDIA_ROOT=/tmp/thidua-previews-media $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///$(PREVIEW_DB) MEDIA_ROOT=/tmp/thidua-previews-media $(BIN)/python manage.py load_demo -v0
	DATABASE_URL=sqlite:///$(PREVIEW_DB) MEDIA_ROOT=/tmp/thidua-previews-media $(BIN)/python manage.py render_document_previews --out docs/documents

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3
