"""The loading process's publishing (the store's only writer; a Spark load's driver): the
same parsed batches published one a transaction, as before, against a group a transaction,
as loads now publish the batches done meanwhile, in one run.

    python bench/publish_groups.py [--hosts 96] [--group 12] [--work /tmp/sosql-bench]

The batches (8 bundles each, bench/synth.py's fleet) are parsed twice, once for each store,
before the clock starts: only publishing is timed.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run_all  # noqa: E402
from sosql import open_store  # noqa: E402
from sosql.load import bundle_load, loader, parallel, publish  # noqa: E402
from sosql.store import lines_files  # noqa: E402


def published(store_path, bundles, group):
    """(seconds publishing, bundles loaded) for `bundles` parsed in batches, `group` a transaction."""
    with open_store(store_path, read_only=False) as store:
        folder = lines_files.staging(store.path)
        batches = [bundle_load.ingest_batch(bundles[i:i + parallel.BATCH], set(), True, folder)
                   for i in range(0, len(bundles), parallel.BATCH)]
        report = loader.LoadReport()
        started = time.perf_counter()
        for i in range(0, len(batches), group):
            publish.publish(store, batches[i:i + group], report)
        return time.perf_counter() - started, len(report.loaded)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=96)
    parser.add_argument("--group", type=int, default=12)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sosql-bench"))
    args = parser.parse_args()
    fleet = run_all.fleet(args.work, max(args.hosts, 100))
    bundles = [str(p) for p in sorted(Path(fleet).iterdir())[:args.hosts]]
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        one, n = published(Path(scratch) / "one", bundles, 1)
        grouped, _ = published(Path(scratch) / "grouped", bundles, args.group)
    print(f"{n} bundles in batches of {parallel.BATCH}; publishing only")
    print(f"  one batch a transaction     {one:6.2f} s  {one / n * 1000:5.1f} ms a bundle")
    print(f"  {args.group:3} batches a transaction  {grouped:6.2f} s  {grouped / n * 1000:5.1f} ms a bundle")
    print(f"  ratio (grouped / one)       {grouped / one:6.2f}")


if __name__ == "__main__":
    main()
