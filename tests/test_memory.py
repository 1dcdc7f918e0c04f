"""Big logs are streamed: loading a 200 MB log needs hardly more memory than an 80 MB one."""
import os
import subprocess
import sys

import pytest

from conftest import ROOT, sosql_process

pytestmark = pytest.mark.slow     # a big log through a real process, its memory measured


def _peak_rss_mb(argv):
    """Run argv and return its peak resident memory in MB (this child only, via wait4).
    DuckDB's load memory is capped at 128 MB, so what grows beyond it is the log's."""
    env = dict(os.environ, SOSQL_LOAD_MEMORY="128MB")
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    assert status == 0, child.stderr.read()
    return usage.ru_maxrss / 1024


def _bundle(tmp_path, mb):
    out = tmp_path / f"b{mb}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "bundle", "--mb", str(mb),
                    "--compress", "dir", "--out", str(out)], check=True, capture_output=True)
    return next(out.iterdir())


def test_peak_memory_stays_bounded_as_the_log_grows(tmp_path):
    exe = sosql_process("--version").args[0]
    small, big = _bundle(tmp_path, 80), _bundle(tmp_path, 200)
    small_peak = _peak_rss_mb([exe, "load", str(small), "--db", str(tmp_path / "s.duckdb")])
    big_peak = _peak_rss_mb([exe, "load", str(big), "--db", str(tmp_path / "b.duckdb")])
    # 120 MB more log costs a small fraction of that in memory: chunks are streamed and
    # DuckDB's buffers capped. Before streaming was fixed it cost three times the log.
    # The peak itself (about 500 MB here, up to 680 MB seen in a full test run) stays
    # within the 1 GB budget; the default cap is 256 MB (a 2 GB log: bench/README.md).
    assert big_peak - small_peak < 60, (small_peak, big_peak)
    assert big_peak < 1024, big_peak
