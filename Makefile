# The two commands: `make run` (the whole product on SQLite, nothing to install)
# and `make test` (the whole suite on real PostgreSQL and Redis).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format services deploy-check clean bench chaos

$(STAMP): requirements.txt requirements-dev.txt
	scripts/ensure_venv.sh $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

## make run: migrate SQLite, load the reference data (units, chain, strategy tree) and demo
## users and projects, serve on 127.0.0.1:8000
## with a Celery worker and beat (filesystem broker); Ctrl-C stops all three.
run: $(STAMP)
	scripts/apt_ensure.sh libpango-1.0-0 libpangoft2-1.0-0
	mkdir -p var/broker/queue var/broker/processed var/media var/static
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(PY) manage.py load_reference
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(PY) manage.py seed_demo
	@# Queue one deadline pass now (beat repeats it every 15 minutes); the worker takes it on start.
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(VENV)/bin/celery -A emenscr call reporting.tasks.deadlines_tick
	@echo "เปิด http://127.0.0.1:8000/ / open http://127.0.0.1:8000/ (Ctrl-C to stop)"
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(VENV)/bin/honcho -f Procfile.dev start

## make test: PostgreSQL + Redis on loopback and Debian's chromium (installed and started
## if needed), then pytest; end-to-end tests drive chromium with Playwright.
test: $(STAMP) services
	DJANGO_SETTINGS_MODULE=emenscr.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

## make chaos: the fault tests (tests/chaos/) on servers of their own: a Celery worker killed
## with kill -9 mid-export and mid-memo, Redis stopped for a minute, PostgreSQL (cluster "chaos",
## port 5440) restarted under gunicorn, two beats at once. Figures go to var/chaos/results.json.
CHAOS_REDIS_DOWN_SECONDS ?= 60
chaos: $(STAMP) services
	DJANGO_SETTINGS_MODULE=emenscr.settings.test CHAOS_REDIS_DOWN_SECONDS=$(CHAOS_REDIS_DOWN_SECONDS) \
	$(VENV)/bin/pytest -p no:cacheprovider tests/chaos $(PYTEST_ARGS); \
	status=$$?; scripts/chaos/cleanup.sh; exit $$status

services:
	scripts/services.sh
	@# chromium for the end-to-end tests; pango for WeasyPrint; poppler-utils' pdftotext reads memos back;
	@# LibreOffice (no GUI) reads the memos' DOCX back as a word processor would.
	scripts/apt_ensure.sh chromium libpango-1.0-0 libpangoft2-1.0-0 poppler-utils libreoffice-writer-nogui

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# The layers contract (pyproject.toml [tool.importlinter]): no app imports one above it.
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=emenscr.settings.local $(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## The production settings with a real-looking secret must pass Django's deploy checks.
deploy-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=emenscr.settings.production \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DATABASE_URL=postgres://emenscr:emenscr@127.0.0.1:5432/emenscr \
	ALLOWED_HOSTS=emenscr.mol.go.th \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var .pytest_cache

## make bench SCALE=small|full: issue 10's figures on a PostgreSQL database of their own
## (emenscr_bench_small or emenscr_bench_full, generated once), written to bench/results.json and BENCHMARKS.md.
SCALE ?= small
bench: $(STAMP) services
	@# ApacheBench (ab) loads the project list with 20 clients against gunicorn.
	scripts/apt_ensure.sh apache2-utils
	DJANGO_SETTINGS_MODULE=emenscr.settings.test $(PY) bench/run.py --scale $(SCALE) $(if $(ONLY),--only $(ONLY))

## make backup: the PostgreSQL database of DATABASE_URL (pg_dump) and the uploaded files of
## MEDIA_ROOT (tar) into var/backups/emenscr-<time>.dump and -media.tar.gz.
## make restore FILE=var/backups/emenscr-….dump [MEDIA=…-media.tar.gz]: replaces the database
## of DATABASE_URL with the dump (pg_restore --clean, all or nothing); refuses without FILE.
.PHONY: backup restore
DATABASE_URL ?= postgres://emenscr:emenscr@127.0.0.1:5432/emenscr
backup:
	DATABASE_URL="$(DATABASE_URL)" scripts/backup.sh
restore:
	DATABASE_URL="$(DATABASE_URL)" scripts/restore.sh "$(FILE)" "$(MEDIA)"
