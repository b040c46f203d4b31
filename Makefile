# Marquee: `make run` serves the demo site, `make test` runs lint and every test.
# Both create .venv with the first Python >= 3.11 on PATH and install what they need.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON_CANDIDATES := python3 python3.13 python3.12 python3.11 python
PYTHON ?= $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $(p))))
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/marquee
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: run serve test lint format test-sqlite test-postgres browsers bench bench-import profile clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "Marquee needs Python 3.11 or newer on PATH; none was found." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Marquee is at http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production settings under gunicorn. Needs at least SECRET_KEY and ALLOWED_HOSTS (see README).
serve: $(VENV)/.runtime-installed
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(BIN)/gunicorn config.wsgi --config config/gunicorn.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint browsers test-sqlite test-postgres

test-sqlite: $(VENV)/.dev-installed
	DATABASE_URL= $(BIN)/pytest

# The whole suite again on PostgreSQL (and Redis as the cache). Skipped with a message on a
# machine without them; under CI=true their absence fails the run.
test-postgres: $(VENV)/.dev-installed
	@if $(BIN)/python scripts/service_up.py postgres "$(POSTGRES_TEST_URL)"; then \
	  redis=""; \
	  if $(BIN)/python scripts/service_up.py redis "$(REDIS_TEST_URL)"; then redis="$(REDIS_TEST_URL)"; \
	  elif [ "$$CI" = "true" ]; then echo "CI: Redis is not reachable at $(REDIS_TEST_URL)." >&2; exit 1; fi; \
	  echo "Running the suite on PostgreSQL$${redis:+ with Redis}"; \
	  DATABASE_URL="$(POSTGRES_TEST_URL)" REDIS_URL="$$redis" $(BIN)/pytest -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI: PostgreSQL is not reachable at $(POSTGRES_TEST_URL); it must be in CI." >&2; exit 1; \
	else \
	  echo "Skipping the PostgreSQL run: nothing answers at $(POSTGRES_TEST_URL)."; \
	fi

# Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
browsers: $(VENV)/.dev-installed
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || { [ "$$CI" != "true" ] || exit 1; echo "Could not install Chromium; browser tests will skip."; }; \
	  else echo "No /usr/bin/chromium and no way to install it; browser tests will skip."; fi; \
	fi
	@if [ ! -d node_modules/axe-core ] && command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund || [ "$$CI" != "true" ]; fi

# The site under load on PostgreSQL + Redis and on SQLite; writes BENCHMARKS.md (see bench/site.py).
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || { [ "$$(id -u)" = "0" ] && apt-get install -y -qq wrk >/dev/null; } \
	  || { echo "make bench needs wrk (apt-get install wrk)." >&2; exit 1; }
	$(BIN)/python -m bench.site

# Where an uncached page's time goes, in this process: make profile PAGE=/films/amelie-2001/
# (the database DATABASE_URL names, else the demo's; docs/performance.md).
profile: $(VENV)/.runtime-installed
	@if [ -z "$(PAGE)" ]; then echo "Name the page: make profile PAGE=/films/amelie-2001/" >&2; exit 2; fi
	$(BIN)/python manage.py profile_page "$(PAGE)"

# manage.py import_imdb on a generated 1M-title / 2M-name / 5M-principal set, on SQLite and
# PostgreSQL (BENCH_IMDB_POSTGRES_URL); writes bench-results/imdb-import.json.
bench-import: $(VENV)/.dev-installed
	$(BIN)/python bench/imdb_import.py

# Search latency at 100,000 films on SQLite and PostgreSQL against icontains, side by side;
# writes bench-results/search.md (see bench/search.py). BENCH_SEARCH_FILMS=10000 for a quick run.
.PHONY: bench-search
bench-search: $(VENV)/.runtime-installed
	$(BIN)/python -m bench.search

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache test-artifacts
