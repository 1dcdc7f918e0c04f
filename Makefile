# Two commands from a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup clean samples

$(BIN)/sosql: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# setuptools announces every editable install with an informational warning; silence that one only
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/sosql

demo: setup
	rm -rf demo-store demo.duckdb
	$(BIN)/sosql analyze sample_bundles/ --db demo-store --out report.html

# One test process per core (pytest-xdist), a test module's tests in the same one (--dist loadfile;
# the Spark modules together, the longest first: tests/conftest.py): a module's store or Spark session is made once.
# The sources compiled first: an editable install has no bytecode of them, and where
# PYTHONDONTWRITEBYTECODE is set every process of the suite would compile what it imports again.
test: setup
	-$(BIN)/python -m compileall -q analyzer collectors reports sample_bundles tests
	$(BIN)/pytest -q -n auto --dist loadfile --no-loadscope-reorder

samples: setup
	$(BIN)/python -m sosql.sample_bundles.generate

clean:
	rm -rf $(VENV) demo-store demo.duckdb report.html build *.egg-info
