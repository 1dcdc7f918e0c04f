"""The rules on the Spark engine against the DuckDB engine, over one store, in one run.

    python bench/spark_engines.py STORE [--master local[2]]

Prints the Spark session's start time, the time of every rule on DuckDB, the Spark
engine's preparation (the catalog's tables exported as Parquet and their views made), and
every rule on Spark twice (the first pass pays for the JVM's warm-up). That both engines
give the same rows is tests/test_spark.py's job.
"""
import argparse
import time

from sosql import open_store
from sosql.rules import checks
from sosql.spark.engine import SparkEngine


def timed(step):
    started = time.monotonic()
    result = step()
    return time.monotonic() - started, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    rules = checks.discover()[0]
    start, engine = timed(lambda: SparkEngine(master=args.master))
    with open_store(args.store, read_only=False) as store:
        checks.load_lookups(store)
        duck, _ = timed(lambda: [store.arrow(r.sql) for r in rules])
        prepare, _ = timed(lambda: engine.prepare(store))
        cold, _ = timed(lambda: [engine.rows(r) for r in rules])
        warm, _ = timed(lambda: [engine.rows(r) for r in rules])
        bundles = store.execute("SELECT count(*) FROM bundles").fetchall()[0][0]
    engine.stop()
    print(f"{len(rules)} rules, {bundles} bundles, Spark master {args.master}")
    print(f"spark session start      {start:6.1f} s")
    print(f"duckdb: every rule       {duck:6.2f} s")
    print(f"spark: tables and views  {prepare:6.1f} s")
    print(f"spark: every rule, 1st   {cold:6.1f} s")
    print(f"spark: every rule, 2nd   {warm:6.1f} s")


if __name__ == "__main__":
    main()
