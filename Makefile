# make run        installs everything, loads the demo data into SQLite and serves the staff site on 127.0.0.1:$(PORT)
# make test       installs everything, runs the checks and the whole test suite (DATABASE_URL picks the database)
# make test-fast  the same checks and the suite without the browser and PDF tests, keeping the test database
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run test test-fast checks lint system-packages bench messages axe

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian packages the tests use: chromium for the browser tests (Playwright drives it through executable_path),
# LibreOffice (headless) to turn reports into PDF, poppler-utils to read a PDF page back as an image.
# fonts-liberation2: Liberation Serif (metric-compatible with Times New Roman) with the Vietnamese letters.
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui fonts-liberation fonts-liberation2 poppler-utils gettext
system-packages:
	@missing=""; for c in chromium soffice pdftoppm msgfmt; do command -v $$c >/dev/null 2>&1 || missing=1; done; \
	fc-list ':charset=1ea3' 2>/dev/null | grep -q 'Liberation Serif' || missing=1; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; fi

# The site runs without the Debian packages; only the PDF download needs LibreOffice, so a failed install
# (no root, no network) does not stop `make run`.
# The demo runs in development mode (DEBUG=1: a development secret key, static files straight from static/);
# production sets SECRET_KEY, ALLOWED_HOSTS and CCHC_HTTPS instead (README, Configuration).
run: export DEBUG = 1
run: install
	-@$(MAKE) --no-print-directory system-packages
	$(BIN)/cchc demo --port $(PORT)
	@echo "CCHC is serving on http://127.0.0.1:$(PORT)/  (log-ins above; stop with Ctrl-C)"
	$(BIN)/cchc runserver 127.0.0.1:$(PORT)

# The checks both test targets run first: lint, formatting, types (mypy with django-stubs over cchc/) and no model
# change without its migration (DEBUG=1: a development secret key, as for `make run`).
checks: export DEBUG = 1
checks: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/cchc makemigrations --check --dry-run

# axe-core (from npm, version pinned in tools/axe/package-lock.json): the browser tests inject it into every portal
# page and fail on a serious or critical accessibility issue.
axe: tools/axe/node_modules/axe-core/axe.min.js
tools/axe/node_modules/axe-core/axe.min.js: tools/axe/package-lock.json
	command -v npm >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null)
	npm ci --prefix tools/axe --no-audit --no-fund --silent
	touch $@

test: checks system-packages axe
	$(BIN)/pytest -q -n 2 --dist loadgroup

# For local work: no browser (chromium) or PDF (LibreOffice) tests, and the test database is kept between runs
# (`--reuse-db`; add PYTEST_ARGS=--create-db after editing a migration in place). CI runs `make test`.
test-fast: checks
	$(BIN)/pytest -q -n 2 --dist loadgroup --reuse-db -m "not browser and not pdf" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

messages: install
	cd cchc && ../$(BIN)/cchc makemessages -l vi --ignore 'tests/*' && ../$(BIN)/cchc compilemessages -l vi

bench: install
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/cache.py
	$(BIN)/python bench/load.py --keep
	$(BIN)/python bench/reports.py --keep
	$(BIN)/python bench/import_file.py --db postgres
	$(BIN)/python bench/lifecycle.py
