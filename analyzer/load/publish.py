"""Putting scratches' bundles into the store: the parent's part of a load, the store's only writer.

The scratches of one or more batches are attached and their loaded bundles' rows copied in
one transaction, which also lists their staged Parquet files (lines_files.py) under their
final names; the files are moved into place after the commit, and the views refreshed once.
Publishing several batches together is what keeps a loading process (or a Spark driver)
ahead of many workers: one transaction, one statement a table and one refresh for all of
them. If a copy fails, its batches are copied one by one, then a batch's bundles one by
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


def publish(store, batches, report):
    """Copy the loaded bundles of `batches` ([([Outcome], scratch file)], as
    bundle_load.ingest_batch returns them) into the store, record every outcome in `report`
    (a loader.LoadReport), delete the scratches; return the outcomes as they ended."""
    batches = _named_twice(store, batches)
    try:
        copied, ended = _copy_or_split(store, batches)
    finally:
        for _, part in batches:
            os.unlink(part)
    for o in (o for outcomes, _ in batches for o in outcomes):
        if o.kind == "loaded" and o.bundle_id not in copied:      # failed, or loaded by another load
            _unstage(store, o)
    return [_record(store, report, o, copied) for o in ended]


def _named_twice(store, batches):
    """The batches with a bundle loaded by two of them (named twice) skipped in all but the first."""
    seen, kept = set(), []
    for outcomes, part in batches:
        kept.append(([_unstage(store, o) if o.kind == "loaded" and o.bundle_id in seen else o
                      for o in outcomes], part))
        seen.update(o.bundle_id for o in outcomes if o.kind == "loaded")
    return kept


def _unstage(store, outcome):
    """Delete an outcome's staged files (its bundle is not copied); it is then a skip."""
    for name, _ in outcome.lines:
        store.path.joinpath(lines_files.STAGING, name).unlink(missing_ok=True)
    return outcome._replace(kind="skipped", lines=[])


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


def _copy_or_split(store, batches):
    """Copy `batches` in one transaction, or if that fails, in smaller parts; return
    ({id copied: replaced older}, the outcomes as they ended)."""
    try:
        return _copy(store, batches), [o for outcomes, _ in batches for o in outcomes]
    except SosqlError as exc:
        parts = _smaller(batches)
        if parts is None:      # one bundle: its own trouble
            return {}, [o._replace(kind="failed", error=f"{o.path}: {exc}") if o.kind == "loaded" else o
                        for outcomes, _ in batches for o in outcomes]
    copied, ended = {}, []
    for part in parts:
        more, outcomes = _copy_or_split(store, part)
        copied.update(more)
        ended += outcomes
    return copied, ended


def _smaller(batches):
    """The batches one by one; one batch, its bundles one by one; None for a single bundle."""
    if len(batches) > 1:
        return [[batch] for batch in batches]
    (outcomes, part), = batches
    loaded = [o for o in outcomes if o.kind == "loaded"]
    if len(loaded) <= 1:
        return None
    return [[([o], part)] for o in outcomes]


def _copy(store, batches):
    """Copy the rows of the loaded bundles the store lacks from the batches' scratch files, in
    one transaction (attaching is outside it), list their files and move them into place;
    return {bundle id copied: whether it replaced an earlier load of its path}."""
    loaded = {f"sosql_part{i}": (part, [o for o in outcomes if o.kind == "loaded"])
              for i, (outcomes, part) in enumerate(batches)}
    loaded = {alias: value for alias, value in loaded.items() if value[1]}
    if not loaded:
        return {}
    attached = []
    try:
        for alias, (part, _) in loaded.items():
            store.execute(f"ATTACH {_literal(str(part))} AS {alias} (READ_ONLY)")
            attached.append(alias)
        with store.transaction():
            new = _new_bundles(store, {alias: outcomes for alias, (_, outcomes) in loaded.items()})
            for table, aliases in _filled(store, new).items():
                store.execute(f'INSERT INTO main."{table}" ' + " UNION ALL ".join(
                    f'SELECT * FROM {alias}."{table}" WHERE list_contains(?, bundle_id)' for alias in aliases),
                    [new[alias] for alias in aliases])
            ids = [b for ids in new.values() for b in ids]
            listed = _list_files(store, [o for alias, (_, outcomes) in loaded.items() for o in outcomes
                                         if o.bundle_id in new[alias]])
            replaced = store.replace_older(ids)
    except duckdb.Error as exc:
        raise SosqlError(f"copying into the store failed: {exc}") from exc
    finally:
        for alias in attached:
            store.execute(f"DETACH {alias}")
    lines_files.publish(store.path, listed)
    lines_files.discard(store.path, [f for _, files in replaced.values() for f in files])
    store.refresh_views()
    return {b: bool(older) for b, (older, _) in replaced.items()}


def _new_bundles(store, loaded):
    """{alias: ids of its loaded bundles the store lacks}."""
    return {alias: [r[0] for r in store.execute(
        f"SELECT DISTINCT bundle_id FROM {alias}.bundles WHERE list_contains(?, bundle_id) "
        "AND bundle_id NOT IN (SELECT bundle_id FROM main.bundles) ORDER BY bundle_id",
        [[o.bundle_id for o in outcomes]]).fetchall()] for alias, outcomes in loaded.items()}


def _filled(store, new):
    """{table: the attached scratches with rows in it}: a small bundle fills few of the tables,
    and an INSERT of nothing still costs a statement. (A scratch's estimated size counts rows
    rolled back or deleted too: never fewer than it holds.)"""
    filled = set(store.execute("SELECT table_name, database_name FROM duckdb_tables() "
                               "WHERE list_contains(?, database_name) AND estimated_size > 0",
                               [[alias for alias, ids in new.items() if ids]]).fetchall())
    aliases = {table: [alias for alias in new if (table, alias) in filled] for table in SMALL_TABLES}
    return {table: found for table, found in aliases.items() if found}


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
