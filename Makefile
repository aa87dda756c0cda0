# Two commands: `make run` (site with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PASSWORD_FILE := var/demo-password.txt

.PHONY: run test lint migrate seed bench install

run: migrate
	@if [ ! -s $(PASSWORD_FILE) ]; then \
		$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(9))" > $(PASSWORD_FILE); \
		chmod 600 $(PASSWORD_FILE); fi
	@if $(BIN)/python manage.py shell -c "from tracker.models import Program; import sys; sys.exit(0 if Program.objects.exists() else 1)"; then \
		echo "Demo data already loaded."; \
		$(BIN)/python manage.py seed_demo --password "$$(cat $(PASSWORD_FILE))" | tail -n 8; \
	else \
		echo "Loading the Kayseri demo programme..."; \
		$(BIN)/python manage.py seed_demo --password "$$(cat $(PASSWORD_FILE))"; \
	fi
	@echo "Serving on http://$(HOST):$(PORT)/  (public: /tr/ /en/, admin: /admin/, field app: /field/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

migrate: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0

bench: migrate
	$(BIN)/python -m bench $(BENCH_ARGS)

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@
