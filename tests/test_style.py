"""The code passes ruff with the project's configuration (pyproject.toml: pyflakes, pycodestyle's
errors, sorted imports)."""
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
