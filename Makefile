# The portal's two commands: `make run` and `make test`. Everything a fresh machine lacks
# (the virtualenv, Python packages, Chromium, a PostgreSQL cluster for the tests) is set
# up from here.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test install lint format assets chromium screenshots fuzz bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## make run: set up, migrate, load the region's data and serve on http://127.0.0.1:$(PORT),
## with the background worker (large cohort imports) beside the web server. Ctrl-C stops
## both: the shell stops the worker whenever the server ends, however it ends.
run: install
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_region
	$(RUN_ENV) $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: lint (ruff, the import layers, mypy), then the whole suite on SQLite and on a
## throwaway PostgreSQL cluster
test: install chromium lint
	tests/tools/run-suites

chromium:
	tests/tools/ensure-chromium || [ "$${CI:-}" != "true" ]

## make fuzz: the schema-driven API fuzz and the fuzz of every HTML form, with many more
## examples, on PostgreSQL (docs/input-limits.md)
fuzz: install
	RUN_FORM_FUZZ=1 SCHEMA_FUZZ_EXAMPLES=$${SCHEMA_FUZZ_EXAMPLES:-500} FORM_FUZZ_EXAMPLES=$${FORM_FUZZ_EXAMPLES:-60} \
	tests/tools/with-postgres $(PY) -m pytest -p no:cacheprovider tests/api tests/seslip/test_form_fuzz.py

## make bench: pages and API at 1x, 10x, 100x (shared counters in Redis, as in production), a
## large county's upload end to end, and KPI recompute vs pandas; writes docs/performance.md
bench: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev,bench]"
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	tests/tools/with-postgres tests/tools/with-redis $(PY) benchmarks/run.py $(BENCH_ARGS)
	tests/tools/with-postgres $(PY) benchmarks/kpi_upload.py
	tests/tools/with-postgres $(PY) benchmarks/kpi_recompute.py

## make screenshots: refresh docs/screenshots/ from the browser journeys' last run
screenshots:
	mkdir -p docs/screenshots
	cp test-artifacts/screenshots/*.png docs/screenshots/

## make lint: ruff, the layer and no-cycle contracts (import-linter: pyproject.toml,
## docs/architecture.md "Layers") and mypy with the Django and DRF plugins
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## make assets: rebuild static/css/portal.css and static/vendor/ from npm (committed output)
assets:
	cd frontend && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) var/staticfiles

## make worker: the background task worker alone (large KPI imports; `make run` starts one
## itself), for a second server process or a worker stopped by hand (docs/adr/0002)
.PHONY: worker
worker: install
	$(RUN_ENV) $(PY) manage.py run_worker
