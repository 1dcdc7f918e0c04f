# Two commands from a fresh clone: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup clean samples

PIP := $(BIN)/pip --quiet --disable-pip-version-check

$(BIN)/sosql: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# an editable install from pyproject.toml alone (PEP 660) needs pip 21.3: an older one is upgraded
	$(BIN)/python -c "import pip, sys; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < (21, 3))" \
		|| $(PIP) install --upgrade pip
	# setuptools announces every editable install with an informational warning; silence that one only
	PYTHONWARNINGS="ignore:Editable installation" $(PIP) install --no-compile -e '.[test]'
	# the packages' bytecode on every core (pip compiles a file at a time), but for their own tests
	$(BIN)/python -m compileall -q -j 0 -x '/tests?/' $(VENV)/lib
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
