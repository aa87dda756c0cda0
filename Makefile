# Two commands: `make run` (site with demo data) and `make test` (the whole suite).
# The interpreter .venv is made with: Debian's /usr/bin/python3 where it is 3.11 or newer
# and has venv, else the first python3 on PATH. Debian's is linked statically and built
# with profile-guided optimisation; an interpreter built as a shared library without it
# (pyenv's default build, first on PATH on these machines) ran the same tests with 20 %
# more CPU (tests/tracker in one process: 27.4-28.9 s against 34.5-37.0 s).
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
INTERPRETER := $(if $(PYTHON),$(shell $(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))'))
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Test workers: on SQLite three (the browser tests run on one of them, tests/scheduling.py,
# while two keep the cores busy: 136 s instead of 145-160 s on 2 cores); on PostgreSQL two,
# as its server's processes fill the cores already (three: the same 210 s, 13 % more CPU).
ifneq ($(findstring postgres,$(DATABASE_URL)),)
TEST_WORKERS ?= 2
else
TEST_WORKERS ?= 3
endif
STAMP := $(VENV)/.installed-$(shell (cat requirements.txt requirements-dev.txt; \
	echo $(INTERPRETER)) | cksum | cut -d' ' -f1)
PASSWORD_FILE := var/demo-password.txt

.PHONY: run test lint migrate seed bench install

# The site and one background worker (reports, imports, search indexing); Ctrl-C stops both.
# The worker runs without the autoreloader: runserver reloads itself, and a reloading
# worker would be a second watcher of every file (and its tasks could be cut mid-way).
run: migrate
	@echo "Loading the demo data (the first run takes a few minutes; each step is reported)"
	$(BIN)/python manage.py seed_demo --password-file $(PASSWORD_FILE)
	@echo "Serving on http://$(HOST):$(PORT)/  (public: /tr/ /en/ /fa/, admin: /admin/, field app: /field/)"
	@$(BIN)/python manage.py db_worker --queue-name '*' --interval 1 --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Each of the run's processes (the controller, the workers, the helpers some tests start)
# compiles the project's modules again where PYTHONDONTWRITEBYTECODE is set; the suite
# writes their bytecode once (about 0.5 s of CPU saved per process after the first run).
test: install
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

migrate: install
	@mkdir -p var
	@echo "Migrating the database (one line per migration on a fresh database)"
	$(BIN)/python manage.py migrate --noinput -v 1

bench: migrate
	$(BIN)/python -m bench $(BENCH_ARGS)

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(INTERPRETER)" || { echo "No Python 3.11 or newer with venv found" >&2; exit 1; }
	@grep -qxF "executable = $(INTERPRETER)" $(VENV)/pyvenv.cfg 2>/dev/null || { \
		echo "Creating $(VENV) with $(INTERPRETER)"; $(INTERPRETER) -m venv --clear $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@
