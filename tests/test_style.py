"""The code passes ruff, and the rules sqlfluff, with the project's configuration (pyproject.toml)."""
import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_is_clean():
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    found = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stdout[-3000:] + found.stderr[-1000:]


def test_sqlfluff_finds_nothing_wrong_in_the_rules():
    if importlib.util.find_spec("sqlfluff") is None:
        pytest.skip("sqlfluff is not installed (pip install -e '.[test]')")
    found = subprocess.run([sys.executable, "-m", "sqlfluff", "lint", "--disable-progress-bar", "analyzer/rules"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert found.returncode == 0, found.stdout[-3000:] + found.stderr[-1000:]
