# Passend: `make run` serves the app locally, `make test` runs every check. See README.md.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# The PostgreSQL server for the second test run: DATABASE_URL, or the local server.
PG_TEST_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/passend)

.PHONY: run test lint test-sqlite test-postgres chromium pdf-bibliotheken demo-code api-schema herstel-controle storingen

$(VENV)/.geinstalleerd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

# The demo data and demo_code are commands of passend/testdata/.
# `make run PORT=8123` serves on another port; mail links follow it (PASSEND_BASIS_URL). The demo
# runs without DEBUG, so it shows Passend's own Dutch error pages as production does
# (`make run DJANGO_DEBUG=true` for Django's technical pages); WhiteNoise serves the static files
# and the local mailbox stays (it depends on mail being caught, not on DEBUG).
PORT ?= 8000
DJANGO_DEBUG ?= false
BASIS_URL ?= http://127.0.0.1:$(PORT)
LOKAAL = DJANGO_DEBUG=$(DJANGO_DEBUG) PASSEND_BASIS_URL=$(BASIS_URL)

run: $(VENV)/.geinstalleerd pdf-bibliotheken
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo
	@echo ""
	@echo "Passend draait op $(BASIS_URL) (stoppen: Ctrl+C)."
	@echo "Meld u aan met een account hierboven. Een code zonder telefoon: make demo-code GEBRUIKER=PO2806/iverhoef"
	@echo "E-mails die Passend verstuurt (statusmails, 'Wachtwoord vergeten') leest u op $(BASIS_URL)/lokale-mailbox/"
	@echo "Esis-koppeling proberen (in een tweede terminal): $(PY) manage.py lvs_simulator esis alles --als-swv pjansen --url $(BASIS_URL)"
	@echo "ParnasSys-koppeling (OSO) proberen: $(PY) manage.py lvs_simulator parnassys --url $(BASIS_URL)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(LOKAAL) $(PY) manage.py db_worker & \
	  $(LOKAAL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

demo-code: $(VENV)/.geinstalleerd
	@$(PY) manage.py demo_code $(GEBRUIKER)

lint: $(VENV)/.geinstalleerd
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy passend
	$(VENV)/bin/lint-imports
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	@# Django's deployment checks against the production settings (the values are placeholders).
	DJANGO_ENV=production DJANGO_SECRET_KEY=controle-$$(date +%s)-niet-voor-gebruik-0123456789abcdefghijklmnop \
	  DJANGO_ALLOWED_HOSTS=passend.example.nl PASSEND_BASIS_URL=https://passend.example.nl \
	  EMAIL_HOST=smtp.example.nl PASSEND_VIRUSSCANNER=uit \
	  DATABASE_URL=postgres://passend@db.example.nl:5432/passend \
	  $(PY) manage.py check --deploy --fail-level WARNING
	@# The committed OpenAPI document is the one the code makes (`make api-schema` renews it).
	@$(PY) manage.py spectacular --validate --fail-on-warn --file .openapi-controle.yaml
	@diff -u docs/api/openapi.yaml .openapi-controle.yaml || { rm -f .openapi-controle.yaml; \
	  echo "docs/api/openapi.yaml loopt achter op de code: make api-schema" >&2; exit 1; }
	@rm -f .openapi-controle.yaml

api-schema: $(VENV)/.geinstalleerd
	$(PY) manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

test: lint chromium pdf-bibliotheken test-sqlite test-postgres

# The suite runs in one process per core (at most 4), a test file per process at a time, so a
# module's shared fixtures are built once; `make test TESTPROCESSEN=0` runs it in this process.
TESTPROCESSEN ?= auto
PYTEST := $(VENV)/bin/pytest -n $(TESTPROCESSEN) --maxprocesses 4 --dist loadfile

test-sqlite: $(VENV)/.geinstalleerd
	$(PYTEST)

# With CI=true an unreachable server fails the run; elsewhere it is skipped with a notice.
test-postgres: $(VENV)/.geinstalleerd
	@if $(PY) -c "import psycopg, sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "Dezelfde tests op PostgreSQL ($(PG_TEST_URL))"; \
	  DATABASE_URL='$(PG_TEST_URL)' $(PYTEST); \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is niet bereikbaar op $(PG_TEST_URL); in CI is die run verplicht." >&2; exit 1; \
	else \
	  echo "PostgreSQL is niet bereikbaar op $(PG_TEST_URL): de PostgreSQL-run is overgeslagen."; \
	fi

# Browser tests drive Debian's Chromium; installed here when missing and we are root.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Installeer Chromium voor de browsertests: sudo apt-get install chromium"; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi

# WeasyPrint (forms as PDF) needs Pango; installed here when missing and we are root.
pdf-bibliotheken:
	@if ! ldconfig -p | grep -q libpangoft2-1.0.so; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; \
	  else \
	    echo "Installeer Pango voor PDF's: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; \
	    if [ "$$CI" = "true" ]; then exit 1; fi; \
	  fi; \
	fi

# Back-up and restore, proven (docs/installatie.md): a populated instance on the PostgreSQL server
# of PG_TEST_URL is backed up with ops/backup.sh, restored with ops/herstel.sh into a fresh
# database and folder, and compared row for row and file for file. HULPVRAGEN=100000 for scale.
herstel-controle: $(VENV)/.geinstalleerd
	$(PY) ops/herstel_controle.py --database-url '$(PG_TEST_URL)' $(if $(HULPVRAGEN),--hulpvragen $(HULPVRAGEN))

# Faults survived (docs/installatie.md, "Storingen: wat er gebeurt"): PostgreSQL restarted under
# load on a throwaway cluster of the test's own (never the server of PG_TEST_URL) and a db_worker
# killed mid-delivery need PostgreSQL and take 30-60 s each, so they run here rather than in
# `make test`; the storage scenarios of the same file run in both. Prints the figures the docs quote.
storingen: $(VENV)/.geinstalleerd
	PASSEND_STORINGEN=1 PASSEND_LOG_NIVEAU=CRITICAL DATABASE_URL='$(PG_TEST_URL)' \
	  $(PY) -m pytest passend/web/tests/test_storingen.py -p no:logging -s -v --durations=0
