"""A load killed at any point leaves whole bundles only; a second writer is told who holds the store."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sosql import open_store
from sosql.read import identity

from conftest import SAMPLES, sosql

pytestmark = pytest.mark.slow     # real loads, killed at chosen instants

EXE = str(Path(sys.executable).parent / "sosql")
LINE = "Jul %2d %02d:%02d:%02d big kubelet: I0710 09:39:34.279815 1988 kubelet_node_status.go:431] Recording NodeReady\n"


# The big log (20 MB) is parsed for a second or two into a staged Parquet file that grows a chunk
# at a time to about 2.5 MB (the killed loads read 1 MB chunks, on a 32 MB budget: textio.py):
# the two kill points on its size fall within that, before the batch is published.
LINES = 200_000
SMALL_CHUNKS = dict(os.environ, SOSQL_LOAD_MEMORY="32MB")


def big_bundle(root, lines=LINES):
    (root / "files/var/log").mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({"format": "sosql-bundle", "format_version": 1, "hostname": "big",
                                                    "collected_at_local": "2018-07-10T10:00:00", "items": []}))
    with open(root / "files/var/log/messages", "w") as f:
        for start in range(0, lines, 10_000):
            f.write("".join(LINE % (1 + i // 500_000, i // 3600 % 24, i // 60 % 60, i % 60)
                            for i in range(start, start + 10_000)))
    return root


def _kill_when(proc, ready, timeout=90):
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline and not ready():
        time.sleep(0.01)
    assert proc.poll() is None, "the load finished before it could be killed: make the bundle bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _staged(db, suffix, size=0):
    return lambda: any(p.stat().st_size > size for p in (db / ".staging").glob(f"*{suffix}")
                       if "template" not in p.name)


def _assert_whole(db, expected):
    """Every bundle in the store has all its lines; no file is there that the catalog does not list."""
    with open_store(db, read_only=False) as store:          # the open rolls a killed load forward or back
        lines = dict(store.execute("SELECT b.bundle_id, count(l.line_no) FROM bundles b "
                                   "LEFT JOIN log_lines l USING (bundle_id) GROUP BY 1").fetchall())
        listed = {r[0] for r in store.execute("SELECT file FROM parquet_files").fetchall()}
    assert lines == {b: expected[b] for b in lines}
    assert {p.relative_to(db).as_posix() for p in db.glob("log_lines/*/*.parquet")} == listed
    assert not (db / ".staging").exists()
    return len(lines)


# Loaded after the big bundle, in the same batch: ours and a sos report, with and without crashes.
AFTER_IT = ("sosql-node3-20180710T020200Z.tar.gz", "sosql-node1-20180710T020000Z.tar.gz",
            "sosql-big1-20180710T021100Z.tar.gz", "sosreport-harbortest-20180530183000.tar.xz")


def test_sigkill_at_any_point_of_a_load_leaves_whole_bundles_then_loads_fully(tmp_path, sample_store):
    bundle, db, samples = big_bundle(tmp_path / "big"), tmp_path / "s.duckdb", tmp_path / "samples"
    samples.mkdir()
    for name in AFTER_IT:
        shutil.copy(SAMPLES / name, samples)
    expected = dict(sample_store.execute("SELECT b.bundle_id, count(l.line_no) FROM bundles b LEFT JOIN log_lines l "
                                         "USING (bundle_id) WHERE list_contains(?, regexp_extract(b.path, '[^/]+$')) "
                                         "GROUP BY 1", [list(AFTER_IT)]).fetchall())
    assert len(expected) == len(AFTER_IT)
    expected[identity.content_id(bundle)] = LINES
    assert sosql("load", samples / AFTER_IT[0], "--db", db).returncode == 0
    random.seed(13)
    kill_points = [(_staged(db, ".parquet", 1 << 20), 90),        # the big log is being parsed and written
                   (_staged(db, ".parquet", 2 << 20), 90),        # further on
                   (lambda: False, random.uniform(0.5, 3))]        # at a random moment
    for ready, timeout in kill_points:
        proc = subprocess.Popen([EXE, "load", str(bundle), str(samples), "--db", str(db), "--jobs", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=SMALL_CHUNKS)
        _kill_when(proc, ready, timeout)
        assert _assert_whole(db, expected) >= 1
    again = sosql("load", bundle, samples, "--db", db, "--jobs", "1")    # as the killed loads: no workers
    assert again.returncode == 0, again.stderr
    assert _assert_whole(db, expected) == len(expected)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_killed_load_takes_its_workers_with_it(tmp_path):
    """--jobs 2 killed while its workers parse: they (and the forkserver they come from) end
    with it, rather than wait for work forever or write on into the staging folder."""
    bundles = [big_bundle(tmp_path / f"big{i}", lines=LINES + 10_000 * i) for i in range(2)]
    db, helpers = tmp_path / "s", []
    proc = subprocess.Popen([EXE, "load", *map(str, bundles), "--db", str(db), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=SMALL_CHUNKS)

    def parsing():
        helpers[:] = _descendants(proc.pid)
        return _staged(db, ".parquet", 1 << 20)()
    _kill_when(proc, parsing)
    assert len(helpers) >= 3, helpers               # the forkserver and two workers, at least
    deadline = time.monotonic() + 15
    while any(map(_running, helpers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in helpers if _running(pid)]
    _assert_whole(db, {identity.content_id(b): LINES + 10_000 * i for i, b in enumerate(bundles)})


def _descendants(pid):
    """The processes below `pid` (children, theirs, ...), from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):          # ended meanwhile
            continue
    found, todo = [], [pid]
    while todo:
        below = todo.pop()
        children = [p for p, parent in parents.items() if parent == below]
        found += children
        todo += children
    return found


def _running(pid):
    """Whether `pid` still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_second_writer_is_told_who_holds_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import sosql, time; s = sosql.open_store({str(db)!r}, read_only=False); "
                               "print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db)
        assert result.returncode == 1
        assert "in use by another process" in result.stderr and f"(PID {holder.pid})" in result.stderr
        assert result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
    with open_store(db, read_only=False) as store:           # intact, and usable once the holder is gone
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(0,)]
    assert sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db).returncode == 0
