"""The store: a folder holding a DuckDB catalog of the small tables and Parquet files of the
log lines, every table of the contract (see schema/) readable by name.

    sosql-store/
      catalog.duckdb                                   bundles, hosts, events, findings, ...
      log_lines/bundle_id=<id>/<name>.parquet          one bundle's lines, zstd

`log_lines` is a view over the files the catalog lists (table `parquet_files`): a bundle's
lines become visible in the same transaction as its other rows (lines_files.py).

Notebook use:

    >>> from sosql import open_store
    >>> store = open_store("sosql-store")           # reading; read_only=False to load into it
    >>> store.df("SELECT hostname, kernel_release FROM hosts")      # pandas
    >>> store.arrow("SELECT kind, count(*) FROM events GROUP BY 1")  # pyarrow
"""
import hashlib
import shutil
from pathlib import Path

import duckdb

from sosql.errors import StoreError
from sosql.store import database, lines_files, schema, views
from sosql.store.database import Database, connect, first_line, to_arrow  # noqa: F401 (the API)

DEFAULT_DB = "sosql-store"
CATALOG = "catalog.duckdb"


class Store(Database):
    """A store folder; created on first use unless read_only."""

    def __init__(self, path=DEFAULT_DB, read_only=False, copy_empty=True):
        path = Path(path)
        _refuse_what_is_no_store(path, read_only)
        if not read_only:
            path.mkdir(parents=True, exist_ok=True)
            if copy_empty and not (path / CATALOG).exists():      # a new store
                database.write_empty(path / CATALOG, "store", _make_catalog)
        super().__init__(connect(path / CATALOG, read_only, label=path), path)
        self.catalog = path / CATALOG
        found = self._columns()
        if not read_only:
            self._create_tables(found)
        self._check_version()
        self._add_what_is_new(read_only, found)
        if not read_only:
            lines_files.recover(self)      # a killed load: before the views read the files
        self.refresh_views()
        if not read_only:
            self._define_views()

    def _columns(self):
        """{table: {its columns}} of the catalog as it is."""
        found = {}
        for table, column in self.con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                                              "WHERE database_name = current_database()").fetchall():
            found.setdefault(table, set()).add(column)
        return found

    def _create_tables(self, found):
        """The tables the catalog lacks (all of them in a new store), and its schema version."""
        if "meta" in found and not any(t.name not in found for t in schema.TABLES if t.name not in schema.FILE_TABLES):
            return
        with self.transaction():
            for statement in schema.create_statements(skip=schema.FILE_TABLES):
                self.con.execute(statement)
            self.con.execute(
                "INSERT INTO meta SELECT 'schema_version', ? "
                "WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'schema_version')",
                [str(schema.SCHEMA_VERSION)])
        found.update(self._columns())

    def _define_views(self):
        """The store's macros and views (views.py), written into the catalog for any reader of it:
        again only when this sosql defines them otherwise (writing them each time would make
        every open write to the catalog)."""
        digest = hashlib.sha256("\n;\n".join(views.STORE_SQL).encode()).hexdigest()
        if self.con.execute("SELECT 1 FROM meta WHERE key = 'views' AND value = ?", [digest]).fetchall():
            return
        with self.transaction():       # they read log_lines: after its view
            for statement in views.STORE_SQL:
                self.con.execute(statement)
            self.con.execute("DELETE FROM meta WHERE key = 'views'")
            self.con.execute("INSERT INTO meta VALUES ('views', ?)", [digest])

    def _check_version(self):
        try:
            row = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a sosql store ({first_line(exc)})") from exc
        found = row[0][0] if row else None
        if found != str(schema.SCHEMA_VERSION):
            raise StoreError(
                f"{self.path}: store has schema version {found}, this sosql writes "
                f"{schema.SCHEMA_VERSION}; load the bundles into a new --db")

    def _add_what_is_new(self, read_only, found):
        """A store written by an earlier sosql of the same schema version lacks the tables and
        columns added since: added now (as empty) when writing, read as empty when only reading."""
        for table in schema.TABLES:
            if table.name in schema.FILE_TABLES:
                continue
            if table.name not in found:
                self.con.execute(f'CREATE TEMP VIEW "{table.name}" AS {lines_files.empty_select(table.name)}')
                continue
            for column in (c for c in table.columns if c.name not in found[table.name]):
                if read_only:
                    raise StoreError(f"{self.path}: written by an older sosql (no column {table.name}.{column.name}); "
                                     "open it once for writing (e.g. sosql check) to add it")
                self.con.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {column.type}')

    def refresh_views(self):
        """(Re)define the views over the Parquet files the catalog lists, as committed."""
        for table in schema.FILE_TABLES:
            try:
                self.con.execute(lines_files.view_sql(self, table))
            except duckdb.IOException as exc:      # a file deleted by hand; a writable open drops its bundle
                raise StoreError(f"{self.path}: a file of {table} is missing ({first_line(exc)}); open the "
                                 f"store for writing (e.g. sosql load) to drop its bundle, then load it again") from exc

    def lock_down(self):
        """Refuse every file but the store's own from here on (a user's query, a rule)."""
        folders = [str(self.path.resolve() / t) + "/" for t in schema.FILE_TABLES]
        self.con.execute(f"SET allowed_directories = {folders!r}")
        self.con.execute("SET enable_external_access = false")

    def replace_older(self, bundle_ids):
        """For each of `bundle_ids` just loaded, delete every row of the bundles loaded earlier
        from its path (a folder changed since): a path is one bundle. Returns {id: (the older
        ids, the Parquet files they had, to delete once the transaction commits)}."""
        older = {}
        for new, old in self.con.execute(
                "SELECT n.bundle_id, o.bundle_id FROM bundles o JOIN bundles n ON o.path = n.path "
                "WHERE list_contains(?, n.bundle_id) AND o.bundle_id <> n.bundle_id ORDER BY ALL",
                [list(bundle_ids)]).fetchall():
            older.setdefault(new, []).append(old)
        return {b: (older[b], self.drop_bundles(older[b])) if b in older else ([], []) for b in bundle_ids}

    def drop_bundles(self, bundle_ids):
        """Delete the bundles' rows from the catalog; return their Parquet files (paths inside the
        store), to delete once the transaction commits."""
        files = [r[0] for r in self.con.execute(
            "SELECT file FROM parquet_files WHERE list_contains(?, bundle_id)", [bundle_ids]).fetchall()]
        for table in schema.TABLES:
            if table.name not in schema.FILE_TABLES and "bundle_id" in schema.column_names(table.name):
                self.con.execute(f'DELETE FROM "{table.name}" WHERE list_contains(?, bundle_id)', [bundle_ids])
        return files

    def checkpoint(self):
        """Write the WAL into the catalog file: a copied folder then has everything."""
        self.con.execute("CHECKPOINT")


def open_store(path=DEFAULT_DB, read_only=True):
    """Open a store: for reading by default (no write lock, so commands and other readers
    work beside it); read_only=False creates it if need be and takes its write lock, to load
    and check. The entry point for notebooks and scripts."""
    return Store(path, read_only=read_only)


def _make_catalog(file):
    """An empty catalog at `file`: that of a new store made in a folder beside it."""
    folder = file.with_name(file.name + ".d")
    Store(folder, copy_empty=False).close()
    (folder / CATALOG).rename(file)
    shutil.rmtree(folder)


def _refuse_what_is_no_store(path, read_only):
    if path.is_file():
        raise StoreError(_what_file(path))
    if path.is_dir() and not (path / CATALOG).exists():
        if read_only or any(path.iterdir()):
            raise StoreError(f"{path}: not a sosql store (a folder without {CATALOG})"
                             if any(path.iterdir()) else f"{path}: no such store; run 'sosql load' first")
    elif read_only and not path.exists():
        raise StoreError(f"{path}: no such store; run 'sosql load' first")


def _what_file(path):
    """Why the file `path` is no store: a store of sosql 0.1 (one DuckDB file), another DuckDB
    file (never written into), or something else."""
    with open(path, "rb") as head:
        if head.read(12)[8:12] != b"DUCK":
            return f"{path}: not a sosql store (a file; a store is a folder)"
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    except duckdb.Error:
        names = set()
    if names and "meta" not in names:
        return (f"{path}: a DuckDB file that is not a sosql store ({len(names)} table(s) of its own); "
                "give another --db")
    return (f"{path}: a single DuckDB file, as stores of sosql 0.1 were; a store is now a folder: "
            f"load the bundles again into a new --db (e.g. --db {path.stem}-store)")
