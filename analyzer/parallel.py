"""Loading many bundles with worker processes and a single writer.

DuckDB allows one writing process per store. Each worker therefore loads a
batch of bundles into a part file of its own (a copy of an empty store, the
schema made once per worker), each bundle in its own transaction: a bundle that
fails leaves nothing there. The parent, the only writer of the real store,
attaches the part and copies its rows in one transaction, so every bundle is
still all or nothing. Workers parse, classify and assemble crashes in parallel;
the copy is one columnar bulk insert a table for the whole batch.
"""
import os
import shutil
import tempfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

import duckdb

from . import archive, bundle_load, schema
from .errors import BundleError, SosqlError, printable

BATCH = 8         # bundles a worker loads into one part file
_worker = {}      # per worker process: "template" (empty store file), "folder"


def load(store, paths, report, jobs, progress=None, strict=False):
    """Load `paths` with `jobs` worker processes into `store`; fill `report` (a loader.LoadReport)."""
    known = {row[0] for row in store.execute("SELECT bundle_id FROM bundles").fetchall()}
    # The writer only copies parts; a bundle of very long lines keeps its strings in memory
    # until its commit, so the copy gets DuckDB's default memory, not the load limit.
    store.execute("RESET memory_limit")
    folder = tempfile.mkdtemp(prefix=".sosql-load-", dir=store.path.parent)
    size = max(1, min(BATCH, len(paths) // (2 * jobs)))        # small loads still use every worker
    batches = [[str(p) for p in paths[i:i + size]] for i in range(0, len(paths), size)]
    pending = set()
    try:
        with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_start,
                                 initargs=(folder,)) as pool:
            while batches or pending:
                while batches and len(pending) < 2 * jobs:   # a few ahead: bounded disk use
                    pending.add(pool.submit(_ingest_batch, batches.pop(0), known, strict))
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    for path, outcome in _merge(store, *future.result(), report, strict):
                        if progress:
                            progress(path, outcome)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _merge(store, results, part, report, strict):
    """Record a batch's outcomes, copying its part file's bundles into the store."""
    try:
        copied, replaced = _copy(store, part)
    except SosqlError:           # one bundle's trouble must not fail the batch: one at a time
        copied, replaced, results = _copy_each(store, part, results)
    finally:
        os.unlink(part)
    # A bundle loaded by another batch meanwhile (named twice) was not copied again.
    results = [("skipped", *r[1:]) if r[0] == "loaded" and r[2] not in copied else r for r in results]
    for kind, path, bundle_id, detail in results:
        if kind in ("loaded", "skipped"):
            getattr(report, kind).append(printable(path))
            if bundle_id in replaced:
                report.replaced.append(printable(path))
        elif kind == "nested":      # a sos collect tarball: its reports load one by one, here
            kind = bundle_load.load_one(store, Path(path), report, strict)
        elif kind == "bug" and strict:
            raise RuntimeError(detail)
        else:
            kind = bundle_load.record_failure(store, report, path, bundle_id, detail)
        yield path, kind


def _copy_each(store, part, results):
    """Copy a batch's loaded bundles one by one; return (ids copied, ids that replaced older
    copies, results with failures)."""
    copied, replaced, outcomes = set(), set(), []
    for kind, path, bundle_id, detail in results:
        if kind == "loaded":
            try:
                one, older = _copy(store, part, bundle_id)
                copied, replaced = copied | one, replaced | older
            except SosqlError as exc:
                kind, detail = "failed", f"{path}: {exc}"
        outcomes.append((kind, path, bundle_id, detail))
    return copied, replaced, outcomes


def _copy(store, file, bundle_id=None):
    """Copy a part file's rows (one bundle's, with bundle_id) into the store, in one transaction
    (attaching is outside it), except bundles the store has already; return the ids copied and
    those of them that replaced an earlier load of their path."""
    store.execute(f"ATTACH '{file}' AS sosql_part (READ_ONLY)")
    try:
        with store.transaction():
            new = "bundle_id NOT IN (SELECT bundle_id FROM main.bundles)"
            store.execute(f"CREATE OR REPLACE TEMP TABLE sosql_new AS SELECT bundle_id FROM sosql_part.bundles "
                          f"WHERE {new} AND bundle_id = coalesce(?, bundle_id)", [bundle_id])
            for table in schema.TABLES:
                if "bundle_id" in schema.column_names(table.name):     # not meta, not advisories
                    store.execute(f'INSERT INTO main."{table.name}" SELECT * FROM sosql_part."{table.name}" '
                                  f"WHERE bundle_id IN (SELECT bundle_id FROM sosql_new)")
            copied = {row[0] for row in store.execute("SELECT bundle_id FROM sosql_new").fetchall()}
            replaced = {b for b in copied if store.replace_older(b)}
    except duckdb.Error as exc:
        raise SosqlError(f"copying into the store failed: {exc}") from exc
    finally:
        store.execute("DETACH sosql_part")
    return copied, replaced


# -- in the worker ------------------------------------------------------------
def _start(folder):
    from .parsers import _lines
    from .store import open_store
    _lines._connection().execute("SET threads = 1")      # the workers are the parallelism
    template = tempfile.mktemp(suffix=".duckdb", dir=folder)
    open_store(template).close()
    _worker.update(template=template, folder=folder)


def _ingest_batch(paths, known, strict):
    """Load bundles into one fresh part file; return ([(kind, path, bundle_id, error)], part or None)."""
    from .store import open_store
    part = tempfile.mktemp(suffix=".duckdb", dir=_worker["folder"])
    shutil.copyfile(_worker["template"], part)
    with open_store(part) as store:
        store.execute(f"SET memory_limit = '{bundle_load.LOAD_MEMORY_LIMIT}'")
        results = [_ingest(store, path, known, strict) for path in paths]
    return results, part


def _ingest(store, path, known, strict):
    from .ingest import Ingest, NestedBundles
    bundle_id = None
    try:
        if not os.path.exists(path):
            raise BundleError(path, "no such file or directory")
        bundle_id = archive.content_id(path)
        if bundle_id in known or store.has_bundle(bundle_id):
            return "skipped", path, bundle_id, None
        with store.transaction():
            Ingest(store, path, bundle_id, strict=strict).run()
        return "loaded", path, bundle_id, None
    except NestedBundles:
        return "nested", path, bundle_id, None
    except SosqlError as exc:
        return "failed", path, bundle_id, str(exc)
    except Exception as exc:      # a parser bug must not stop the other bundles
        return "bug", path, bundle_id, f"{path}: unexpected {type(exc).__name__}: {exc}"
