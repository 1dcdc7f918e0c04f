"""The Parquet side of the store: each bundle's log lines in a file of their own.

A load writes a bundle's lines to `.staging/<name>.parquet` files (lines_writer.py);
the store's transaction that adds the bundle's other rows lists the file in
`parquet_files` under its final name `log_lines/bundle_id=<id>/<name>.parquet`; the file
is then moved there. The `log_lines` view reads only listed files, so readers see a
bundle whole or not at all. After a crash, the next writable open moves listed files
still staged (roll forward) and deletes the files no committed row lists (roll back).
"""
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from sosql.store import schema
from sosql.store.database import _literal

STAGING = ".staging"
READ_OPTIONS = "hive_partitioning = true, hive_types = {'bundle_id': VARCHAR}"


def staging(store_path):
    """The folder where loads write scratch databases and files not yet listed."""
    folder = Path(store_path) / STAGING
    folder.mkdir(exist_ok=True)
    return folder


def final_name(table, bundle_id, name):
    """A file's path inside the store folder once listed (hive style: other engines read the id)."""
    return f"{table}/bundle_id={bundle_id}/{name}"


def publish(store_path, listed):
    """Move listed files (paths inside the store) from the staging folder into place."""
    for file in listed:
        staged, target = Path(store_path) / STAGING / Path(file).name, Path(store_path) / file
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)


def discard(store_path, files):
    """Delete files no row lists any more (a bundle replaced by a newer load of its path)."""
    for file in files:
        target = Path(store_path) / file
        target.unlink(missing_ok=True)
        _remove_if_empty(target.parent)


def recover(store):
    """Finish what a killed load left: move listed files into place, delete the rest. A bundle
    whose file is gone (deleted by hand) is dropped whole, with a row in load_errors."""
    listed = [r[0] for r in store.execute("SELECT file FROM parquet_files").fetchall()]
    publish(store.path, listed)
    shutil.rmtree(store.path / STAGING, ignore_errors=True)
    lost = store.execute("SELECT DISTINCT bundle_id, path FROM parquet_files JOIN bundles USING (bundle_id) "
                         "WHERE list_contains(?, file)", [[f for f in listed if not (store.path / f).exists()]]).fetchall()
    if lost:
        with store.transaction():
            listed = sorted(set(listed) - set(store.drop_bundles([b for b, _ in lost])))
            store.insert_dicts("load_errors", [{
                "bundle_id": b, "path": p, "error": "its log lines file was missing from the store: dropped, "
                "load it again", "occurred_at": datetime.now(timezone.utc).replace(tzinfo=None)} for b, p in lost])
    keep = {str(store.path / f) for f in listed}
    for table in schema.FILE_TABLES:
        for file in sorted((store.path / table).glob("*/*.parquet")):
            if str(file) not in keep:
                discard(store.path, [file.relative_to(store.path)])


def view_sql(store, table):
    """The view `table` over the files the catalog lists, with the columns of the contract."""
    files = [str(store.path.resolve() / r[0]) for r in store.execute(
        "SELECT file FROM parquet_files WHERE table_name = ? ORDER BY file", [table]).fetchall()]
    columns = schema.BY_NAME[table].columns
    if files:
        source = f"read_parquet([{', '.join(map(_literal, files))}], {READ_OPTIONS})"
        select = ", ".join(f'"{c.name}"' for c in columns)
        return f'CREATE OR REPLACE TEMP VIEW "{table}" AS SELECT {select} FROM {source}'
    return f'CREATE OR REPLACE TEMP VIEW "{table}" AS {empty_select(table)}'


def empty_select(table):
    """A SELECT of no rows with the columns of `table` (a view over no files yet)."""
    return "SELECT " + ", ".join(f'CAST(NULL AS {c.type}) AS "{c.name}"'
                                 for c in schema.BY_NAME[table].columns) + " LIMIT 0"


def _remove_if_empty(folder):
    try:
        folder.rmdir()
    except OSError:
        pass
