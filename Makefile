# Năng suất — the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APPS := core accounts enterprises programs programs/applications training reports facts national
export DEBUG ?= 1

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

python-check:
	@PYBIN=$$(command -v python3); \
	$$PYBIN -c 'import sys; sys.exit(0 if sys.version_info >= (3, 13) else 1)' 2>/dev/null || { \
	  echo "Năng suất needs Python 3.13 or newer (.python-version says $(PYTHON_VERSION)); found: $$($$PYBIN --version 2>&1)."; \
	  echo "Install it (e.g. 'pyenv install $(PYTHON_VERSION)') and run make again."; exit 1; }

$(VENV)/.installed: requirements.txt requirements-test.txt | python-check
	@test -f .env || cp .env.example .env
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-test.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

migrate: install ## Apply migrations (and the cache table)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

messages-compile:
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0; \
	else echo "gettext (msgfmt) is not installed: the UI falls back to English (apt-get install gettext)."; fi

run: migrate messages-compile ## Install, migrate, load the Quảng Nam demo data and serve http://127.0.0.1:8000
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install messages-compile ## The whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## ruff check, ruff format --check and mypy (django-stubs)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

docs: install ## Regenerate the README's role table from the role × page matrix (tests/role_matrix.py)
	$(PY) -m tests.role_docs

format: install ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update the vi catalogues; fail on untranslated or fuzzy entries
	@for app in . $(APPS); do \
	  (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l vi --no-obsolete --no-location --ignore=.venv --ignore=static --ignore=var --ignore=tests $(if $(filter programs,$$app),--ignore=applications,) $(if $(filter .,$$app),--ignore=core --ignore=accounts --ignore=enterprises --ignore=programs --ignore=training --ignore=reports --ignore=facts --ignore=national,) -v0) || exit 1; \
	done
	$(PY) manage.py check_messages

bench: install ## Benchmarks (not tests): figures printed and written to var/bench/*.json
	@mkdir -p var/bench
	$(PY) -m tests.bench

prod-check: install messages-compile ## The production shape on loopback (DEBUG=0): entrypoint.sh collectstatic, migrate, web, worker, beat; a journey over HTTP
	$(PY) -m tests.smoke

load: install messages-compile ## Locust against gunicorn (4 workers, DEBUG=0) on PostgreSQL with the demo data: 50 users, 2 min → var/bench/load.json
	$(PY) -m tests.load

VNU_JAR := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR): package.json
	mkdir -p var/vnu && cd var/vnu && echo '{"private": true}' > package.json && \
	  npm install --silent --no-audit --no-fund vnu-jar@$$(python3 -c 'import json; print(json.load(open("../../package.json"))["devDependencies"]["vnu-jar"])')
	test -f $(VNU_JAR) && touch $(VNU_JAR)

vnu: $(VNU_JAR) ## Install the Nu Html Checker (npm vnu-jar, into var/vnu; needs npm and Java)

html-check: install messages-compile $(VNU_JAR) ## Every demo page of every role through the Nu Html Checker (0 errors), in Vietnamese without codes or English
	$(PY) -m pytest tests/site -q

vendor: ## Refresh static/vendor from the npm packages in package.json (needs npm)
	rm -rf var/npm && mkdir -p var/npm && cp package.json var/npm/ && cd var/npm && npm install --silent --no-audit --no-fund
	cp var/npm/node_modules/bootstrap/dist/css/bootstrap.min.css var/npm/node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap/
	cp var/npm/node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp var/npm/node_modules/chart.js/dist/chart.umd.min.js static/vendor/chartjs/
	cp var/npm/node_modules/axe-core/axe.min.js static/vendor/axe/
	python3 static/vendor/fonts.py var/npm/node_modules be-vietnam-pro static/vendor/fonts/be-vietnam-pro 400 "600=500 700"
	python3 static/vendor/fonts.py var/npm/node_modules tinos static/vendor/fonts/tinos 400 700 --italic --subsets=latin,latin-ext,vietnamese
	@# The npm files point to source maps we do not ship; whitenoise's manifest storage (DEBUG=0)
	@# refuses to collect a file whose map is missing, so the pointers go.
	sed -i -E '/^[[:space:]]*(\/\/|\/\*)# sourceMappingURL=/d' static/vendor/bootstrap/*.js static/vendor/bootstrap/*.css static/vendor/chartjs/*.js static/vendor/htmx/*.js static/vendor/axe/*.js
	! grep -rl 'sourceMappingURL=' static/vendor

.PHONY: help python-check install migrate messages-compile run test lint format messages bench prod-check load vendor vnu html-check
