# Counterclaim: `make run` serves the demo on 127.0.0.1:8000, `make test` runs the suite.
# Both set everything up themselves on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint format install serve-setup clean check-migrations load bench

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Local development settings: DEBUG on and a random secret key, never committed.
.env:
	@printf 'DEBUG=1\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env (DEBUG=1 and a random SECRET_KEY) for local development."

serve-setup: $(STAMP) .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py ensure_demo_users

run: serve-setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# Every migration of ours reverses: down to zero and forward again (on the configured database).
check-migrations: $(STAMP) .env
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py migrate claims zero --no-input -v0
	$(BIN)/python manage.py migrate sources zero --no-input -v0
	$(BIN)/python manage.py migrate --no-input -v0
	@echo "Migrations reverse to zero and apply again."

# Load test: gunicorn + locust at twice the expected peak (bench/README.md).
load: $(STAMP)
	bash bench/load.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Benchmark: synthetic corpora at 10k, 100k and 1M claims on SQLite and PostgreSQL; writes
# bench/results.md (bench/README.md). Quick check: make bench SCALES=2000 SECONDS=2
SCALES  ?= 10000,100000,1000000
ENGINES ?= sqlite,postgresql
SECONDS ?= 10
bench: $(STAMP)
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/bench.py --scales $(SCALES) --engines $(ENGINES) --seconds $(SECONDS) $(BENCH_ARGS)
