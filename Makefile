# One place for the project's commands. README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run PORT=8080 HOST=0.0.0.0`: where `bijuli serve` listens.
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: setup run test check format lint typecheck pytest catalogs bench bench-webhook clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) catalogs

catalogs: $(STAMP)
	@if ls locales/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --domain bijuli --directory locales --statistics 2>&1 | tail -n 3; fi

run: setup
	$(BIN)/bijuli serve --host $(HOST) --port $(PORT)

test: setup
	bash scripts/ensure-test-services.sh
	$(MAKE) --no-print-directory check

check: lint typecheck pytest

lint:
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck:
	$(BIN)/mypy tariff_core bot

pytest:
	$(BIN)/pytest -n 2

bench: setup
	$(BIN)/python bench/tariff_throughput.py

bench-webhook: setup
	$(BIN)/python bench/webhook_turn.py

clean:
	rm -rf $(VENV) build *.egg-info locales/*/LC_MESSAGES/*.mo
