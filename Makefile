# tarjama: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,lint,qe,dask]'
	touch $(STAMP)

## demo: clean the shipped sample wire and show what changed, rule by rule
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

## test: lint, type-check and run the test suite
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/tarjama glossary lint --quiet
	$(BIN)/tarjama glossary fmt --check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/bench_clean.py

clean-venv:
	rm -rf $(VENV)
