# Two commands from a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup clean samples

PIP := $(BIN)/pip --quiet --disable-pip-version-check

# Bytecode is written as a module is first imported, even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): otherwise every process of the test suite compiles again all it
# imports. So pip compiles nothing: the suite and the demo import some 1,400 of the venv's
# 5,000 files, and pip compiled them all, one at a time.
unexport PYTHONDONTWRITEBYTECODE

$(BIN)/sosql: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# an editable install from pyproject.toml alone (PEP 660) needs pip 21.3: an older one is upgraded
	$(BIN)/python -c "import pip, sys; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < (21, 3))" \
		|| $(PIP) install --upgrade pip
	# setuptools announces every editable install with an informational warning; silence that one only
	PYTHONWARNINGS="ignore:Editable installation" $(PIP) install --no-compile -e '.[test]'
	touch $@

setup: $(BIN)/sosql

demo: setup
	rm -rf demo-store demo.duckdb
	$(BIN)/sosql analyze sample_bundles/ --db demo-store --out report.html

# One test process per core (pytest-xdist), a test module's tests in the same one (--dist loadfile;
# the Spark modules together, the longest first: tests/conftest.py): a module's store or Spark session is made once.
test: setup
	$(BIN)/pytest -q -n auto --dist loadfile --no-loadscope-reorder

samples: setup
	$(BIN)/python -m sosql.sample_bundles.generate

clean:
	rm -rf $(VENV) demo-store demo.duckdb report.html build *.egg-info
