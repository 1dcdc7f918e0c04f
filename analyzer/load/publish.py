"""Putting a scratch's bundles into the store: the parent's part of a load, the store's only writer.

The scratch is attached and its loaded bundles' rows copied in one transaction, which also
lists their staged Parquet files (lines_files.py) under their final names; the files are
moved into place after the commit. If the batch's copy fails, its bundles are copied one by
one, so one bundle's trouble never fails its neighbours. Failures go to `load_errors`.
"""
import os
from datetime import datetime, timezone

import duckdb

from sosql.errors import SosqlError, printable
from sosql.store import lines_files, schema
from sosql.store.database import _literal

SMALL_TABLES = [t.name for t in schema.TABLES
                if t.name not in schema.FILE_TABLES and "bundle_id" in schema.column_names(t.name)
                and t.name != "parquet_files"]


def publish(store, part, outcomes, report):
    """Copy `part`'s loaded bundles into the store, record every outcome in `report` (a
    loader.LoadReport), delete the scratch; return the outcomes as they ended."""
    loaded = [o for o in outcomes if o.kind == "loaded"]
    try:
        try:
            copied = _copy(store, part, loaded)
        except SosqlError:       # one bundle's trouble must not fail the batch: one at a time
            copied, outcomes = _copy_each(store, part, outcomes)
    finally:
        os.unlink(part)
    for o in loaded:          # a bundle named twice: the other batch's copy is in the store
        if o.bundle_id not in copied:
            for name, _ in o.lines:
                store.path.joinpath(lines_files.STAGING, name).unlink(missing_ok=True)
    return [_record(store, report, o, copied) for o in outcomes]


def _record(store, report, outcome, copied):
    if outcome.kind == "failed":
        record_failure(store, report, outcome.path, outcome.bundle_id, outcome.error)
        return outcome
    if outcome.kind == "loaded" and outcome.bundle_id not in copied:    # named twice: loaded by another batch
        outcome = outcome._replace(kind="skipped")
    getattr(report, outcome.kind).append(outcome.path)
    if copied.get(outcome.bundle_id):
        report.replaced.append(outcome.path)
    return outcome


def _copy_each(store, part, outcomes):
    """Copy a batch's loaded bundles one by one; return ({id copied: replaced older}, outcomes)."""
    copied, ended = {}, []
    for outcome in outcomes:
        if outcome.kind == "loaded":
            try:
                copied.update(_copy(store, part, [outcome]))
            except SosqlError as exc:
                outcome = outcome._replace(kind="failed", error=f"{outcome.path}: {exc}")
        ended.append(outcome)
    return copied, ended


def _copy(store, part, loaded):
    """Copy the rows of the `loaded` bundles the store lacks from the scratch file `part`, in one
    transaction (attaching is outside it), list their files and move them into place; return
    {bundle id copied: whether it replaced an earlier load of its path}."""
    if not loaded:
        return {}
    store.execute(f"ATTACH {_literal(str(part))} AS sosql_part (READ_ONLY)")
    try:
        with store.transaction():
            new = [r[0] for r in store.execute(
                "SELECT DISTINCT bundle_id FROM sosql_part.bundles WHERE list_contains(?, bundle_id) "
                "AND bundle_id NOT IN (SELECT bundle_id FROM main.bundles)",
                [[o.bundle_id for o in loaded]]).fetchall()]
            for table in SMALL_TABLES:
                store.execute(f'INSERT INTO main."{table}" SELECT * FROM sosql_part."{table}" '
                              f"WHERE list_contains(?, bundle_id)", [new])
            listed = _list_files(store, [o for o in loaded if o.bundle_id in new])
            replaced = {b: store.replace_older(b) for b in new}
    except duckdb.Error as exc:
        raise SosqlError(f"copying into the store failed: {exc}") from exc
    finally:
        store.execute("DETACH sosql_part")
    lines_files.publish(store.path, listed)
    lines_files.discard(store.path, [f for _, files in replaced.values() for f in files])
    store.refresh_views()
    return {b: bool(older) for b, (older, _) in replaced.items()}


def _list_files(store, outcomes):
    """Rows of `parquet_files` for the bundles' staged files, under their final names, in one insert."""
    rows = [{"bundle_id": o.bundle_id, "table_name": "log_lines",
             "file": lines_files.final_name("log_lines", o.bundle_id, name), "rows": count,
             "bytes": os.path.getsize(store.path / lines_files.STAGING / name)}
            for o in outcomes for name, count in o.lines]
    store.insert_dicts("parquet_files", rows)
    return [row["file"] for row in rows]


def record_failure(store, report, path, bundle_id, message):
    message, path = printable(" ".join(message.split())), printable(path)
    report.failed.append((path, message))
    store.insert_dicts("load_errors", [{
        "bundle_id": bundle_id, "path": str(path), "member": None, "error": message,
        "occurred_at": datetime.now(timezone.utc).replace(tzinfo=None)}])
    return "failed"
