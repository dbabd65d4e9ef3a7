# tarjama: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench bytecode clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,lint,qe,dask]'
	touch $(STAMP)

# An installed package comes with its bytecode; an editable checkout does not, and where
# PYTHONDONTWRITEBYTECODE is set (CI among them) every command would compile the package's
# sources again: about 40 ms of each start-up. compileall writes it (and skips what is current;
# in a read-only checkout it cannot, and the commands run without it).
bytecode: $(STAMP)
	-$(BIN)/python -m compileall -q cleanup

## demo: clean the shipped sample wire and show what changed, rule by rule
demo: bytecode
	$(BIN)/python scripts/demo.py

## test: lint, type-check and run the test suite
test: bytecode
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/tarjama glossary lint --quiet
	$(BIN)/tarjama glossary fmt --check
	$(BIN)/python -m pytest

bench: bytecode
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/bench_clean.py

clean-venv:
	rm -rf $(VENV)
