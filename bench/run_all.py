"""Every benchmark of bench/README.md, each against a baseline measured in the same run.

    python bench/run_all.py [--work /tmp/sosql-bench] [--scale 1.0] [--only NAME ...]

Prints one table: benchmark, sosql time, baseline time, ratio, target, pass/fail.
Inputs come from bench/synth.py and are kept in --work between runs (generating
them takes minutes). --scale shrinks every size for a quick look (0.1: a tenth).
Peak memory is each child's own maximum RSS (os.wait4). insights-core is
used when importable (pip install insights-core in the bench environment only).
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import synth  # noqa: E402

SOSQL = [sys.executable, "-m", "sosql"]


def timed(argv, shell_pipe=None):
    """(wall seconds, peak RSS MB of that child) for a command, or for an `argv | shell_pipe` pipe."""
    started = time.perf_counter()
    if shell_pipe:
        first = subprocess.Popen(argv, stdout=subprocess.PIPE)
        subprocess.run(shell_pipe, stdin=first.stdout, capture_output=True, check=False)
        first.stdout.close()
        first.wait()
        return time.perf_counter() - started, None
    # Output to a pipe, not /dev/null: GNU grep stops at the first match when it sees /dev/null.
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)                # this child's own peak memory
    if status:
        sys.exit(f"bench: {' '.join(argv)} failed: {child.stderr.read().decode()[-500:]} {out[-200:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def fresh(db):
    """A store path with nothing there yet (a store is a folder; 0.1 wrote a file and a WAL)."""
    shutil.rmtree(db, ignore_errors=True)
    for leftover in (Path(db), Path(f"{db}.wal")):
        if leftover.is_file():
            leftover.unlink()
    return str(db)


def folder_bytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def warm(folder):
    """Read every file once: the page cache warm, as for the baselines."""
    for path in Path(folder).rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                while f.read(1 << 24):
                    pass


def cached(path, make):
    """Make an input once (into a temporary name, renamed when complete); later runs reuse it."""
    path = Path(path)
    if not path.exists():
        print(f"  generating {path} ...", file=sys.stderr, flush=True)
        partial = path.with_name(path.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        make(partial)
        partial.rename(path)
    return path


def syslog_dir(work, mb):
    root = work / f"syslog-{mb}mb"
    return cached(root, lambda into: synth.write_bundle(into, synth.host_spec(1, synth.random.Random(1)),
                                                        "sosql", "dir", mb << 20))


def sos_xz(work, mb):
    root = work / f"sos-{mb}mb"
    cached(root, lambda into: synth.write_bundle(into, synth.host_spec(2, synth.random.Random(2)),
                                                 "sos", "xz", mb << 20))
    return next(root.glob("*.tar.xz"))


def fleet(work, hosts, mb=2):
    root = work / f"fleet-{hosts}"
    return cached(root, lambda into: synth.write_fleet(into, hosts, mb << 20))


def messages_of(bundle):
    return next(Path(bundle).rglob("messages"))


# -- the benchmarks: each returns (sosql s, baseline s, what the baseline is, extra note) ------
def bench_syslog(work, scale):
    bundle = syslog_dir(work, int(600 * scale))
    log = messages_of(bundle)
    with open(log, "rb") as warm:                                      # page cache warm
        while warm.read(1 << 24):
            pass
    grep, _ = timed(["grep", "-c", "lockup", str(log)])
    ours, peak = timed(SOSQL + ["load", str(bundle), "--db", fresh(work / "syslog.duckdb")])
    return ours, grep, "grep -c lockup", 15, f"{log.stat().st_size / ours / 1e6:.0f} MB/s, peak RSS {peak:.0f} MB"


def bench_sos_xz(work, scale):
    archive = sos_xz(work, int(300 * scale))
    base, _ = timed(["xz", "-dc", str(archive)], shell_pipe=["grep", "-c", "lockup"])
    ours, peak = timed(SOSQL + ["load", str(archive), "--db", fresh(work / "sos.duckdb")])
    return ours, base, "xz -dc | grep -c lockup", 2.5, f"peak RSS {peak:.0f} MB"


def bench_fleet(work, scale):
    big, small = max(2, int(1000 * scale)), max(1, int(100 * scale))
    times = {}
    for hosts in (small, big):
        folder = fleet(work, hosts)
        times[hosts], _ = timed(SOSQL + ["analyze", str(folder), "--db", fresh(work / f"fleet{hosts}.duckdb"),
                                         "--out", str(work / f"fleet{hosts}.html")])
    return (times[big], times[small], f"analyze of {small} bundles", big / small * 1.1,
            f"{big} bundles: {times[big]:.1f} s (target 90 s at full scale)")


def bench_memory(work, scale):
    bundle = syslog_dir(work, int(2048 * scale))
    ours, peak = timed(SOSQL + ["load", str(bundle), "--db", fresh(work / "big.duckdb")])
    size = messages_of(bundle).stat().st_size / 2**20
    return peak, 1024, "1 GB of RSS", 1.0, f"log {size:.0f} MB loaded in {ours:.0f} s; sosql column is MB here"


def bench_check(work, scale):
    big = max(2, int(1000 * scale))
    db = work / f"fleet{big}.duckdb"
    if not db.exists():
        bench_fleet(work, scale)
    warm(db)
    ours, _ = timed(SOSQL + ["check", "--db", str(db), "--format", "csv"])
    return ours, 5.0, "5 s", 1.0, f"every rule over {big} bundles"


def bench_insights(work, scale):
    try:
        import insights  # noqa: F401
    except ImportError:
        return None, None, "insights-core", 1.0, "skipped: pip install insights-core"
    archive = sos_xz(work, int(300 * scale))
    load, _ = timed(SOSQL + ["load", str(archive), "--db", fresh(work / "ins.duckdb")])
    query, _ = timed(SOSQL + ["query", "--db", str(work / "ins.duckdb"),
                              "SELECT count(*) FROM events WHERE kind = 'soft_lockup'"])
    theirs, _ = timed([sys.executable, str(HERE / "insights_baseline.py"), str(archive)])
    return load + query, theirs, "insights-core parsers", 1.0, "load + soft lockup query vs Messages/DmesgLineList"


QUERIES = {
    "soft lockups per host (LIKE)": "SELECT h.hostname, count(*) FROM log_lines l JOIN hosts h USING (bundle_id) "
                                    "WHERE l.message LIKE '%soft lockup%' GROUP BY 1",
    "one bundle's lines in an hour": "SELECT count(*) FROM log_lines WHERE bundle_id = (SELECT min(bundle_id) FROM "
                                     "bundles) AND ts >= TIMESTAMP '2024-01-01 10:00:00' "
                                     "AND ts < TIMESTAMP '2024-01-01 11:00:00'",
    "kernel lines per hour": "SELECT date_trunc('hour', ts) AS hour, count(*) FROM log_lines "
                             "WHERE program = 'kernel' GROUP BY 1",
}


def bench_queries(work, scale):
    """The store's queries against the same rows in one DuckDB table (the single-file layout)."""
    big = max(2, int(1000 * scale))
    db = work / f"fleet{big}.duckdb"
    if not db.exists():
        bench_fleet(work, scale)
    table = work / f"fleet{big}-table.duckdb"
    script = HERE / "store_queries.py"
    if not table.exists():
        subprocess.run([sys.executable, str(script), str(db), "--copy-to", str(table)], check=True)
    warm(db)
    warm(table)
    out = subprocess.run([sys.executable, str(script), str(db), "--compare", str(table)],
                         capture_output=True, text=True, check=True).stdout
    worst = max(float(line.split()[-1]) for line in out.splitlines() if line.startswith("ratio"))
    ours, base = (float(v) for v in out.splitlines()[-1].split()[1:3])
    sizes = f"store {folder_bytes(db) / 2**20:.0f} MB vs table file {table.stat().st_size / 2**20:.0f} MB"
    return ours, base, "same SQL over one DuckDB table", 1.5, f"worst query ratio {worst:.2f}; {sizes}"


BENCHES = {"syslog_600mb": bench_syslog, "sos_xz_300mb": bench_sos_xz, "fleet_1000": bench_fleet,
           "memory_2gb": bench_memory, "check_1000": bench_check, "queries_1000": bench_queries, "insights_core": bench_insights}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/sosql-bench", help="where inputs and stores are kept")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="run only these")
    args = parser.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not shutil.which("xz"):
        sys.exit("bench: the xz command is needed for the baselines")
    rows = []
    for name in args.only or BENCHES:
        ours, base, what, target, note = BENCHES[name](work, args.scale)
        ratio = ours / base if ours is not None else None
        verdict = "skip" if ratio is None else "pass" if ratio <= target else "FAIL"
        rows.append((name, ours, base, what, ratio, target, verdict, note))
        print(_row(rows[-1]), flush=True)
    print()
    print(f"{'benchmark':<14} {'sosql':>8} {'baseline':>9} {'ratio':>7} {'target':>7}  result  baseline / note")
    for row in rows:
        print(_row(row))


def _number(v):
    return f"{v:8.2f}" if v is not None else f"{'-':>8}"


def _row(row):
    name, ours, base, what, ratio, target, verdict, note = row
    number = _number
    return (f"{name:<14} {number(ours)} {number(base):>9} {number(ratio)[1:]:>7} {target:>7.2f}  "
            f"{verdict:<6}  {what}; {note}")


if __name__ == "__main__":
    main()
