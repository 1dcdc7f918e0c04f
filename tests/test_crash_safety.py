"""A load killed mid-bundle leaves no trace; a second writer is told who holds the store."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from analyzer import open_store
from conftest import SAMPLES, sosql

EXE = str(Path(sys.executable).parent / "sosql")
LINE = "Jul %2d %02d:%02d:%02d big kubelet: I0710 09:39:34.279815 1988 kubelet_node_status.go:431] Recording NodeReady\n"


def big_bundle(root, lines=1_500_000):
    (root / "files/var/log").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({"format": "sosql-bundle", "format_version": 1, "hostname": "big",
                                                    "collected_at_local": "2018-07-10T10:00:00", "items": []}))
    with open(root / "files/var/log/messages", "w") as f:
        for start in range(0, lines, 10_000):
            f.write("".join(LINE % (1 + i // 500_000, i // 3600 % 24, i // 60 % 60, i % 60)
                            for i in range(start, start + 10_000)))
    return root


def test_sigkill_mid_load_leaves_no_trace_then_loads_fully(tmp_path):
    bundle, db = big_bundle(tmp_path / "big"), tmp_path / "s.duckdb"
    assert sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db).returncode == 0
    proc = subprocess.Popen([EXE, "load", str(bundle), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    def written():       # DuckDB writes big appends to the file itself, small ones to the WAL
        return sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())
    start, deadline = written(), time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline and written() < start + (4 << 20):
        time.sleep(0.02)   # until the big log's rows are being stored
    assert proc.poll() is None, "the load finished before it could be killed: make the bundle bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db) as store:
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(1,)]          # node3 only
        assert store.execute("SELECT count(*) FROM log_lines WHERE hostname = 'big'").fetchall() == [(0,)]
        assert store.execute("SELECT count(*) FROM hosts WHERE hostname = 'node3'").fetchall() == [(1,)]
    again = sosql("load", bundle, "--db", db)
    assert again.returncode == 0 and "loaded 1 bundle(s)" in again.stdout
    with open_store(db, read_only=True) as store:
        assert store.execute("SELECT count(*) FROM log_lines WHERE hostname = 'big'").fetchall() == [(1_500_000,)]


def test_second_writer_is_told_who_holds_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import analyzer, time; s = analyzer.open_store({str(db)!r}); "
                               "print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db)
        assert result.returncode == 1
        assert f"in use by another process" in result.stderr and f"(PID {holder.pid})" in result.stderr
        assert result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
    with open_store(db) as store:           # intact, and usable once the holder is gone
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(0,)]
    assert sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db).returncode == 0
