# Pressroom: `make run` serves the demo, `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Development server only: DEBUG on gives the dev-only secret key and
# plain HTTP; production sets its own environment (see README).
RUN_ENV := DEBUG=1

.PHONY: run varnish test lint format venv venv-test npm-test bench backup restore clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

venv: $(BIN)/.installed
venv-test: $(BIN)/.installed-test

# axe-core for the accessibility browser tests, from npm (package.json).
# Without npm the tests skip, except in CI, where they fail.
node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || { echo "npm is missing (apt-get install nodejs npm): the accessibility tests will skip outside CI"; exit 0; }; \
	npm install --no-audit --no-fund && touch $@

npm-test: node_modules/axe-core/axe.min.js

run: venv
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv -v 0 || true
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py load_demo_media
	$(RUN_ENV) $(BIN)/python manage.py ensure_editor
	@echo "Pressroom: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Task worker: mail and alerts, printed below (EMAIL_URL=console://)"
	@# The worker (mail, alerts, scheduled texts) runs beside the server and
	@# stops with it, however make run ends.
	$(RUN_ENV) $(BIN)/python manage.py run_worker --no-reload --no-startup-delay --queue-name='*' & \
	worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Varnish (with varnish-modules) in front of `make run`, as production runs it:
# browse http://127.0.0.1:6081/ and start `make run` with
# PURGE_URLS=varnish://127.0.0.1:6081 so that changes purge it.
VARNISH_PORT ?= 6081
varnish:
	@command -v varnishd >/dev/null || { echo "varnishd is missing: apt-get install varnish varnish-modules"; exit 2; }
	varnishd -F -j none -a $(HOST):$(VARNISH_PORT) -f $(CURDIR)/deploy/varnish/pressroom.vcl \
		-p vcl_path=$(CURDIR)/deploy/varnish:/usr/share/varnish/vcl \
		-n $(CURDIR)/.varnish -s malloc,256m -T none

lint: venv-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: venv-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: venv-test npm-test lint
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# Figures, not pass/fail: see bench/run.py --help and the README's Performance section.
bench: venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The database named by the environment (DATABASE_URL), development's by
# default: pg_dump on PostgreSQL, SQLite's online backup API on SQLite.
DB_ENV := DEBUG=$${DEBUG:-1}

backup: venv
	$(DB_ENV) $(BIN)/python manage.py backup_database $(if $(FILE),--output "$(FILE)")

restore: venv
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/pressroom-....sqlite3"; exit 2; }
	$(DB_ENV) $(BIN)/python manage.py restore_database --noinput "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles node_modules
