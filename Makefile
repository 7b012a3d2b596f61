# ProcusMeet: `make run` serves the site with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: setup run test check-hardening check-deploy bench assets clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## setup: virtualenv + dependencies, and Debian's Chromium for browser tests when root.
setup: $(BIN)/.installed
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for browser tests"; \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); \
	  else echo "chromium is missing: install it (apt-get install -y chromium) for the browser tests"; fi; \
	fi

## run: migrate, load demo data and serve at http://127.0.0.1:$(PORT) (ASGI, uvicorn), with a
## Celery worker and beat for emails, reminders and calendar sync (scripts/run_dev.sh).
## Embedded defaults (SQLite, file cache) unless DATABASE_URL / REDIS_URL are set.
run: $(BIN)/.installed
	$(BIN)/python manage.py create_database
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	@echo "ProcusMeet: open http://127.0.0.1:$(PORT)/ (API docs: /api/docs/). Ctrl+C stops it."
	PYTHON=$(BIN)/python scripts/run_dev.sh

# The suite, the hardening checks and the deployment check run on PostgreSQL: the
# local server unless set (the benchmarks use BENCH_DATABASE_URL, see bench/).
test check-hardening check-deploy: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/procusmeet

## test: the whole suite (pytest.ini: two workers) against PostgreSQL at DATABASE_URL.
## Browser tests run in their own pass: Playwright keeps an event loop running in its
## process, where Django's test client can no longer run async middleware. Both passes
## always run; the target fails if either failed.
## The slow hardening checks (marker hardening_full) are left to `make check-hardening`.
test: setup
	@status=0; \
	$(BIN)/python -m pytest -m "not browser and not hardening_full" || status=$$?; \
	$(BIN)/python -m pytest -m "browser and not hardening_full" || status=$$?; \
	exit $$status

## check-hardening: every hardening check (tests/hardening), the slow ones included, with
## more generated requests per API operation than `make test` sends.
check-hardening: setup
	HARDENING_EXAMPLES=$${HARDENING_EXAMPLES:-40} $(BIN)/python -m pytest tests/hardening

## bench: the benchmarks (bench/), one summary table at the end; a few minutes. The load
## run uses Debian's wrk (installed here when missing and root), else a Python client.
bench: setup
	@if ! command -v wrk >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: the load run uses Python threads"; \
	fi
	$(BIN)/python bench/run_all.py

## check-deploy: Django's deployment checks with production settings (placeholder secrets).
check-deploy: $(BIN)/.installed
	DJANGO_ENV=production DJANGO_DEBUG=false \
	  DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  ALLOWED_HOSTS=procusmeet.example SITE_URL=https://procusmeet.example \
	  PAYMENT_PROVIDER=paystack PAYSTACK_SECRET_KEY=sk_test_placeholder \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

## assets: rebuild the lobby and call scripts into static/calls/ (needs Node 20+ and npm;
## the built files are committed, so `make run` never needs Node).
assets:
	cd frontend && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) var .pytest_cache
