# claimwatch tasks. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help setup demo run test test-fast lint typecheck bench eval stack-up stack-down clean

help:  ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e ".[kafka,elasticsearch,web,dev]"
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install claimwatch with every extra

demo: $(STAMP)  ## set up, run once on the bundled demo feeds, show the alerts
	$(BIN)/claimwatch run --once --data-dir claimwatch-data
	$(BIN)/claimwatch alerts --data-dir claimwatch-data --format table

run: $(STAMP)  ## poll the configured feeds until Ctrl-C
	$(BIN)/claimwatch run --data-dir claimwatch-data

test: $(STAMP)  ## every test, with real Kafka + Elasticsearch started (and stopped) by the suite
	$(BIN)/pytest

test-fast: $(STAMP)  ## every test but those needing Kafka + Elasticsearch or a Prism build
	$(BIN)/pytest -m "not integration and not portable"

lint: $(STAMP)  ## ruff lint + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy, strict for the package
	$(BIN)/mypy -p claimwatch

eval: $(STAMP)  ## figure-extraction quality on the labelled sets
	$(BIN)/claimwatch eval

bench: $(STAMP)  ## throughput benchmarks (see bench/README.md)
	$(BIN)/python bench/run_all.py

stack-up: $(STAMP)  ## start local Kafka + Elasticsearch (fetched from Maven Central)
	$(BIN)/claimwatch stack up

stack-down: $(STAMP)  ## stop them
	$(BIN)/claimwatch stack down

clean:  ## remove the demo data dir
	rm -rf claimwatch-data
