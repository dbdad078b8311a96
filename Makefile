# One obvious way to run everything. `make run` serves the demo, `make test` checks it all.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages bench bench-documents bench-members bench-congress bench-welfare clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Serve the portal with demo content on the SQLite default (development only), with a
# worker beside the server for the background tasks (mail); both stop together.
run: export DEBUG ?= true
run: export TASKS_BACKEND ?= database
run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	@# A database with real content is left alone: the refusal is printed and the server starts.
	-$(BIN)/python manage.py seed_demo
	@case "$$TASKS_BACKEND" in \
	  rq) worker="rqworker default --job-class django_tasks_rq.Job --with-scheduler" ;; \
	  immediate) worker="" ;; \
	  *) worker="db_worker --no-reload" ;; \
	esac; \
	if [ -n "$$worker" ]; then \
	  $(BIN)/python manage.py $$worker & worker_pid=$$!; \
	  trap 'kill $$worker_pid 2>/dev/null; wait $$worker_pid 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Lint, format check and the whole suite (browser tests skip themselves without Chromium),
# in two processes (pytest-xdist; each has its own test database). Tests that share
# something outside the database (a Redis queue) are marked xdist_group and run in one.
TEST_WORKERS ?= 2
test: export SECRET_KEY ?= insecure-test-key-used-only-by-the-test-suite-0123456789
test: export SECURE_SSL_REDIRECT ?= false
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Vietnamese catalogues (Python and templates; scripts) after changing strings,
# then translate and compile.
messages: export DEBUG ?= true
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete --no-location --ignore '$(VENV)/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python manage.py makemessages --domain djangojs --locale vi --no-obsolete --no-location --ignore '$(VENV)/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'bench/*'
	@# compilemessages also compiles locale_overrides/, which makemessages never touches.
	$(BIN)/python manage.py compilemessages --locale vi --ignore '$(VENV)/*'

# Speed on generated data (bench/README.md); PostgreSQL must be running for the second run.
bench: $(VENV)/.dev
	$(BIN)/python bench/news.py --database-url sqlite:////tmp/bench-news.sqlite3
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE bench_news" 2>/dev/null || true
	$(BIN)/python bench/news.py --database-url postgres://postgres@127.0.0.1:5432/bench_news --wrk

bench-documents: $(VENV)/.dev
	$(BIN)/python bench/documents.py --database-url sqlite:////tmp/bench-documents.sqlite3
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE bench_documents" 2>/dev/null || true
	$(BIN)/python bench/documents.py --database-url postgres://postgres@127.0.0.1:5432/bench_documents --wrk

bench-members: $(VENV)/.dev
	$(BIN)/python bench/members.py --database-url sqlite:////tmp/bench-members.sqlite3
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE bench_members" 2>/dev/null || true
	$(BIN)/python bench/members.py --database-url postgres://postgres@127.0.0.1:5432/bench_members

bench-congress: $(VENV)/.dev
	$(BIN)/python bench/congress.py --database-url sqlite:////tmp/bench-congress.sqlite3
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE bench_congress" 2>/dev/null || true
	$(BIN)/python bench/congress.py --database-url postgres://postgres@127.0.0.1:5432/bench_congress

bench-welfare: $(VENV)/.dev
	$(BIN)/python bench/welfare.py --database-url sqlite:////tmp/bench-welfare.sqlite3
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE bench_welfare" 2>/dev/null || true
	$(BIN)/python bench/welfare.py --database-url postgres://postgres@127.0.0.1:5432/bench_welfare

clean:
	rm -rf $(VENV) staticfiles test-output .pytest_cache .ruff_cache
