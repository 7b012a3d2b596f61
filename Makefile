# ProcusMeet: `make run` serves the site with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DATABASE_URL_TEST := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/procusmeet)

.PHONY: setup run test check-deploy assets bench clean

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

## run: migrate, load demo data and serve at http://127.0.0.1:$(PORT) (ASGI, uvicorn).
run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python -m uvicorn procusmeet.asgi:application --host 127.0.0.1 --port $(PORT) --lifespan off

## test: the whole suite against PostgreSQL at DATABASE_URL (default local server).
test: setup
	DATABASE_URL=$(DATABASE_URL_TEST) $(BIN)/python -m pytest

## check-deploy: Django's deployment checks with production settings.
check-deploy: $(BIN)/.installed
	DJANGO_ENV=production DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets;print(secrets.token_urlsafe(60))') \
	  ALLOWED_HOSTS=procusmeet.example SITE_URL=https://procusmeet.example DATABASE_URL=$(DATABASE_URL_TEST) \
	  PAYMENT_PROVIDER=paystack PAYSTACK_SECRET_KEY=sk_test_placeholder \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .pytest_cache
