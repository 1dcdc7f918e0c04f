"""`load` and `check` of a fleet on Spark local[N] against the DuckDB engine with --jobs N,
in one run, with Spark's fixed costs and a projection for a cluster (Linux: reads /proc).

    python bench/spark_load.py [--hosts 1000] [--cores 2] [--work /tmp/sosql-bench]

The fleet is bench/synth.py's (2 MB of logs a bundle), made once in --work. Both stores are
made fresh. The projection: on a cluster the executors parse, the driver publishes the
batches as they come back (the store's only writer) while they do, so a load of N bundles
on E executor cores takes about

    start + max(N x executor CPU a bundle / E,  N x p + r x N^2 / (2 x batch x g)) + N x tables

where p is the driver's publishing time a bundle but for the views' refresh, r x n the
refresh of the log_lines view over a store of n bundles (it lists every file: measured on
the store the run made), done once a transaction, and g the batches a transaction: a
wave's (spark/load.py: 4 x E), at most PUBLISH_GROUP. The refreshes grow as N^2 / g.
"""
import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run_all  # noqa: E402
from sosql import load, open_store
from sosql.load import parallel  # noqa: E402
from sosql.rules import checks
from sosql.spark import load as spark_load  # noqa: E402
from sosql.spark import tables  # noqa: E402
from sosql.spark.engine import SparkEngine  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
SAME = ["SELECT count(*) FROM bundles", "SELECT count(*) FROM log_lines", "SELECT count(*) FROM events",
        "SELECT rule_id, bundle_id, severity, evidence FROM findings ORDER BY ALL"]


def timed(step):
    started = time.monotonic()
    result = step()
    return time.monotonic() - started, result


class Clock:
    """Wall time spent inside a module's function, summed (the driver's publishing, the export)."""

    def __init__(self, module, name):
        self.spent, self.module, self.name, self.inner = 0.0, module, name, getattr(module, name)
        setattr(module, name, self)

    def __call__(self, *args, **kwargs):
        started = time.monotonic()
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.spent += time.monotonic() - started

    def restore(self):
        setattr(self.module, self.name, self.inner)


def cpu_by_kind():
    """CPU seconds of this process's descendants: the JVM, and Python (Spark's workers)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().split(b"\0")[0].decode()
        except (OSError, ValueError):
            continue
        fields = text[text.rindex(")") + 2:].split()
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, cmd)
    found, kinds = {os.getpid()}, {"jvm": 0.0, "python workers": 0.0}
    for _ in range(5):          # descendants, a generation a pass
        found |= {pid for pid, (ppid, _, _) in stats.items() if ppid in found}
    for pid in found - {os.getpid()}:
        _, cpu, cmd = stats[pid]
        kinds["jvm" if "java" in cmd else "python workers"] += cpu
    return kinds


def driver_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    return open_store(path, read_only=False)


def job_costs(spark, cores):
    """(seconds of a job of `cores` no-op tasks, seconds more per task): warm, best of five."""
    sc = spark.sparkContext
    def job(n):
        return min(timed(lambda: sc.parallelize(range(n), n).map(lambda x: x).collect())[0] for _ in range(5))
    job(cores)                 # warm-up
    small, big = job(cores), job(100 + cores)
    return small, (big - small) / 100


def spark_run(engine, path, fleet, rules, cores):
    """The Spark load and check, with where the load's time went."""
    publishing, export = Clock(parallel, "_publish"), Clock(tables, "export")
    with fresh(path) as store:
        cpu, own = cpu_by_kind(), driver_cpu()
        took, report = timed(lambda: engine.load(store, [fleet]))
        cpu = {k: v - cpu[k] for k, v in cpu_by_kind().items()}
        cpu["driver"] = driver_cpu() - own
        publishing.restore(), export.restore()
        check, _ = timed(lambda: (checks.run(store, rules, complete=True, engine=engine), store.checkpoint()))
        same = [store.execute(q).fetchall() for q in SAME]
        refresh = min(timed(store.refresh_views)[0] for _ in range(3))
    return {"load": took, "check": check, "publish": publishing.spent, "export": export.spent, "cpu": cpu,
            "report": report, "same": same, "refresh": refresh}


def duckdb_run(path, fleet, rules, cores):
    with fresh(path) as store:
        took, report = timed(lambda: load(store, [fleet], jobs=cores))
        check, _ = timed(lambda: (checks.run(store, rules, complete=True), store.checkpoint()))
        return {"load": took, "check": check, "report": report, "same": [store.execute(q).fetchall() for q in SAME]}


def project(start, executor, publish, refresh, export, bundles=100_000, cores=(16, 64, 256)):
    """Seconds to load `bundles` on clusters of `cores` executor cores (see the module's text)."""
    projected = {}
    for e in cores:
        group = min(spark_load.PUBLISH_GROUP, spark_load.WAVE * e)     # batches a transaction and refresh
        driver = bundles * publish + refresh * bundles ** 2 / (2 * parallel.BATCH * group)
        projected[e] = (start + max(bundles * executor / e, driver) + bundles * export, driver)
    return projected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sosql-bench"))
    args = parser.parse_args()
    fleet, rules, loadavg = run_all.fleet(args.work, args.hosts), checks.discover()[0], os.getloadavg()
    duck = duckdb_run(args.work / "spark-bench-duckdb", fleet, rules, args.cores)
    start, engine = timed(lambda: SparkEngine(master=f"local[{args.cores}]"))
    per_job, per_task = job_costs(engine.spark, args.cores)
    spark = spark_run(engine, args.work / "spark-bench-spark", fleet, rules, args.cores)
    engine.stop()
    n, cpu = len(spark["report"].loaded), spark["cpu"]
    executor = (cpu["python workers"] + cpu["jvm"]) / n
    export, refresh = spark["export"] / n, spark["refresh"] / n      # r: the refresh's seconds a bundle stored
    group = min(spark_load.PUBLISH_GROUP, spark_load.WAVE * args.cores)
    driver = spark["publish"] / n - refresh * n / (2 * parallel.BATCH * group)   # less the refreshes' mean
    print(f"{n} bundles ({len(duck['report'].loaded)} on duckdb), {len(rules)} rules, {args.cores} cores; "
          f"load average {loadavg[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"{'':22}{'duckdb --jobs ' + str(args.cores):>18}{'spark local[' + str(args.cores) + ']':>18}{'ratio':>8}")
    for step in ("load", "check"):
        print(f"{step:22}{duck[step]:16.1f} s{spark[step]:16.1f} s{spark[step] / duck[step]:8.2f}")
    print(f"same store (counts, findings): {'yes' if duck['same'] == spark['same'] else 'NO'}")
    print(f"spark fixed costs: session start {start:.1f} s; a job of {args.cores} no-op tasks {per_job * 1000:.0f} ms; "
          f"each task more {per_task * 1000:.1f} ms")
    print(f"spark load, driver: publishing {spark['publish']:.1f} s ({spark['publish'] / n * 1000:.0f} ms a bundle), "
          f"tables as Parquet {spark['export']:.1f} s, CPU {cpu['driver']:.1f} s")
    print(f"spark load, CPU: executors' Python {cpu['python workers']:.1f} s, JVM {cpu['jvm']:.1f} s: "
          f"{executor:.3f} s a bundle")
    print(f"view refresh after a batch: {spark['refresh']:.3f} s over {n} bundles; publishing but the refresh "
          f"{driver * 1000:.0f} ms a bundle")
    print("projection, 100,000 bundles (bench/spark_load.py's text): driver bound from "
          f"{executor / driver:.0f} executor cores without the refresh")
    for cores, (seconds, on_driver) in project(start, executor, driver, refresh, export).items():
        print(f"  {cores:4} executor cores  {seconds / 3600:6.1f} h  ({100_000 / seconds:6.1f} bundles/s); "
              f"driver {on_driver / 3600:.1f} h, executors {100_000 * executor / cores / 3600:.1f} h")


if __name__ == "__main__":
    main()
