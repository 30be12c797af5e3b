# Two commands set everything up on a machine with only Python 3.11:
#   make demo   installs kg and its model into .venv, builds the example, draws the page
#   make test   installs the test tools too and runs the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval lint bench bench-scale clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The dask extra too: the test suite runs a real Dask LocalCluster build.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[model,dev,dask]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build examples/raqqa_wall.txt --published 2017-07-06 -o output
	$(BIN)/kg viz --graph output/graph.ttl -o output/graph.html
	@echo "Open output/graph.html in a browser; the graph itself is output/graph.ttl (and graph.trig)."

test: $(STAMP)
	$(BIN)/python -m pytest -q

# After any edit to ontology/ (kg.ttl, lexicon.ttl, shapes.ttl): tests fail until this is rerun.
docs: $(STAMP)
	$(BIN)/kg docs -o docs/ontology.md

eval: $(STAMP)
	$(BIN)/kg eval --gold ../shared/eval/gold --corpus ../shared/corpus -o output/eval

lint: $(STAMP)
	$(BIN)/ruff check .

# Not tests: measurements printed against a reference taken in the same run.
bench: $(STAMP)
	$(BIN)/python bench/viz_bench.py
	$(BIN)/python bench/query_bench.py
	$(BIN)/python bench/harden_bench.py

# Throughput and memory of kg build at corpus scale against bare nlp.pipe (minutes; sizes: --sizes 1000,10000).
bench-scale: $(STAMP)
	$(BIN)/python bench/scale_bench.py --sizes 1000

clean:
	rm -rf output/graph.* output/.kg-build .pytest_cache .ruff_cache
