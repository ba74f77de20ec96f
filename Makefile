# Two commands for a newcomer:  `make run`  (start the dashboard)  and  `make test`  (the whole suite).
# While editing, `make check`: lint and the fast tests (no browser, nothing marked slow).
# The venv is created and filled on first use; later runs only reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint validate format messages bench load

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

check: lint
	$(BIN)/python -m pytest --ignore=tests/browser -m "not slow"

validate: $(STAMP)
	$(BIN)/python -m goodwill validate

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-extract the message ids from the code into goodwill/locales/messages.pot and merge them
# into every language's catalog (settings: [tool.babel] in pyproject.toml).
messages: $(STAMP)
	$(BIN)/pybabel --quiet extract
	$(BIN)/pybabel --quiet update

# The performance benchmark (issues 6 and 16): the dashboard beside the floor and the pydeck
# peer; about 30 minutes; rewrites docs/performance.md. A quick check that leaves docs/ alone:
# .venv/bin/python -m bench --sizes 10000 --reps 2 --out /tmp/bench
bench: $(STAMP)
	$(BIN)/python -m bench

# Readers per server without browsers (issue 16): websocket sessions against 1, 2 and 4 app
# processes (nginx in front of 2 and 4); about 20 minutes; rewrites the results in docs/load.md.
load: $(STAMP)
	$(BIN)/python -m bench.load
