"""Query speed on a store against the same rows kept in one DuckDB table (the single-file
layout of sosql 0.1), in one run.

    python bench/store_queries.py STORE --copy-to TABLE.duckdb   # make the single-table copy once
    python bench/store_queries.py STORE --compare TABLE.duckdb   # time each query on both

Prints `ratio <query> <store s> <table s> <ratio>` per query and `total <store s> <table s>`.
Each query runs 3 times on each side; the best time counts.
"""
import argparse
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run_all import QUERIES  # noqa: E402
from sosql import open_store  # noqa: E402


def best_of(con, sql, runs=3):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        con.execute(sql).fetchall()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--copy-to")
    parser.add_argument("--compare")
    args = parser.parse_args(argv)
    store = open_store(args.store, read_only=not args.copy_to)
    if args.copy_to:
        store.execute(f"ATTACH '{args.copy_to}' AS single")
        store.execute("CREATE TABLE single.log_lines AS SELECT * FROM log_lines")
        store.execute("CREATE TABLE single.hosts AS SELECT * FROM hosts")
        store.execute("CREATE TABLE single.bundles AS SELECT * FROM bundles")
        store.execute("DETACH single")
        return
    single = duckdb.connect(args.compare, read_only=True)
    total = [0.0, 0.0]
    for name, sql in QUERIES.items():
        ours, theirs = best_of(store.con, sql), best_of(single, sql)
        total[0] += ours
        total[1] += theirs
        print(f"ratio {name.replace(' ', '_')} {ours:.3f} {theirs:.3f} {ours / theirs:.2f}")
    print(f"total {total[0]:.3f} {total[1]:.3f}")


if __name__ == "__main__":
    main()
