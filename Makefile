# The project's commands (see README.md). Each creates .venv on first use and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NATIVE := build/native/sources.sha256
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
RELEASES_UI_PORT ?= 3000

.PHONY: run test ui bench lint clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,native]"
	touch $@

# The extraction modules compiled with mypyc (pipelines/extraction/__init__.py says when they are used).
$(NATIVE): $(VENV)/.installed pipelines/build_native.py $(wildcard pipelines/extraction/*.py)
	$(BIN)/python -m pipelines.build_native

$(DAGSTER_HOME)/dagster.yaml: pipelines/dagster_instance.yaml
	mkdir -p $(DAGSTER_HOME)
	cp pipelines/dagster_instance.yaml $@

run: $(VENV)/.installed $(NATIVE) $(DAGSTER_HOME)/dagster.yaml  ## build the warehouse and the Parquet export once
	$(BIN)/python -m pipelines.stale_runs  # a killed earlier run must not hold the writer pool forever
	$(BIN)/python -m pipelines.errors $(BIN)/dagster job execute -m pipelines.definitions -j build_warehouse  # a failure ends with what to do

test: $(VENV)/.installed $(NATIVE)  ## the whole test suite
	$(BIN)/pytest

ui: $(VENV)/.installed $(NATIVE) $(DAGSTER_HOME)/dagster.yaml  ## the Dagster UI on 127.0.0.1
	$(BIN)/python -m pipelines.stale_runs
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p $(RELEASES_UI_PORT)

docs: run  ## docs/data_dictionary.md from the comments of the freshly built warehouse
	$(BIN)/python -m pipelines.docs

bench: $(VENV)/.installed $(NATIVE) $(DAGSTER_HOME)/dagster.yaml  ## the benchmark (minutes; never part of make test)
	$(BIN)/python -m tests.benchmark.run_benchmark $(BENCH_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check pipelines tests

clean:
	rm -rf build/native warehouse/releases.duckdb warehouse/releases.duckdb.wal warehouse/parquet warehouse/.parquet-snapshots warehouse/.build
