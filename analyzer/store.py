"""The store: one DuckDB file holding every table of the contract (see schema.py).

Notebook use:

    >>> from analyzer import open_store
    >>> store = open_store("sosql.duckdb")
    >>> store.df("SELECT hostname, kernel_release FROM hosts")      # pandas
    >>> store.arrow("SELECT kind, count(*) FROM events GROUP BY 1")  # pyarrow
"""
import contextlib
import math
import re
from datetime import datetime
from pathlib import Path

import duckdb

from . import fleetstats, schema, timeline, timestamps, versions
from .errors import QueryError, StoreError

DEFAULT_DB = "sosql.duckdb"


def to_arrow(relation):
    """A DuckDB relation or result as a pyarrow Table, across DuckDB versions."""
    if hasattr(relation, "to_arrow_table"):
        return relation.to_arrow_table()
    return relation.fetch_arrow_table()


class Store:
    """A DuckDB file with the sosql schema; create it on first use."""

    def __init__(self, path=DEFAULT_DB, read_only=False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such store; run 'sosql load' first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            holder = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", str(exc))
            if holder:
                raise StoreError(f"{self.path}: in use by another process, {holder.group(1)} (PID "
                                 f"{holder.group(2)}); wait for it to finish or use another --db") from exc
            raise StoreError(f"{self.path}: cannot open store: {first_line(exc)}") from exc
        if not read_only:
            self._create_schema()
        self._check_version()
        for macro in timestamps.MACROS:      # temporary: they live with the connection
            self.con.execute(macro)
        versions.register(self.con)

    def _create_schema(self):
        with self.transaction():
            for statement in (*schema.create_statements(), *timeline.MACROS, *fleetstats.VIEWS):
                self.con.execute(statement)
            self.con.execute(
                "INSERT INTO meta SELECT 'schema_version', ? "
                "WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'schema_version')",
                [str(schema.SCHEMA_VERSION)])

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

    # -- queries --------------------------------------------------------------
    def execute(self, query, params=None):
        """Run SQL for its effect (or fetch rows with .fetchall() on the result)."""
        return self.con.execute(query, params or [])

    def arrow(self, query, params=None):
        """Run a user's SQL and return a pyarrow Table."""
        try:
            relation = self.con.sql(query, params=params or None)
        except duckdb.Error as exc:
            raise QueryError(first_line(exc)) from exc
        if relation is None:          # a statement, not a query: nothing to return
            import pyarrow as pa
            return pa.table({})
        try:
            return to_arrow(relation)
        except duckdb.Error as exc:
            raise QueryError(first_line(exc)) from exc

    def df(self, query, params=None):
        """Run a user's SQL and return a pandas DataFrame."""
        return self.arrow(query, params).to_pandas()

    # -- writing --------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """All or nothing: commit when the block ends, roll back if it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def insert(self, table_name, rows, constants=None, computed=None):
        """Append a pyarrow Table to a table, matching columns by name.

        `constants` gives values for columns that are the same on every row
        (bundle_id, source, ...); `computed` maps a column to (SQL expression over
        the rows' columns, its parameters as `?`); columns in none of these are NULL.
        """
        if rows.num_rows == 0:
            return 0
        constants, computed = constants or {}, computed or {}
        names = set(rows.schema.names)
        select = []
        for column in schema.column_names(table_name):
            if column in constants:
                value = _literal(constants[column])
            elif column in computed:
                expression, params = computed[column]
                value = re.sub(r"\?", lambda _, p=iter(params): _literal(next(p)), expression)
            else:
                value = f'"{column}"' if column in names else "NULL"
            select.append(f'{value} AS "{column}"')
        # A relation, not register(): a view dropped inside a transaction keeps its
        # Arrow data alive until the commit, and a big log would pile up in memory.
        self.con.from_arrow(rows).project(", ".join(select)).insert_into(table_name)
        return rows.num_rows

    def insert_dicts(self, table_name, dicts):
        """Append rows given as dicts (small tables: hosts, bundles, sources)."""
        import pyarrow as pa
        if not dicts:
            return 0
        columns = [c for c in schema.column_names(table_name) if any(c in d for d in dicts)]
        rows = pa.table({c: [d.get(c) for d in dicts] for c in columns})
        return self.insert(table_name, rows)

    def has_bundle(self, bundle_id):
        return self.con.execute(
            "SELECT count(*) FROM bundles WHERE bundle_id = ?", [bundle_id]).fetchall()[0][0] > 0

    def replace_older(self, bundle_id):
        """Delete every row of the bundles loaded earlier from the path `bundle_id` was just
        loaded from (a folder changed since): a path is one bundle. Returns their count."""
        older = [r[0] for r in self.con.execute(
            "SELECT o.bundle_id FROM bundles o JOIN bundles n ON o.path = n.path "
            "WHERE n.bundle_id = ? AND o.bundle_id <> n.bundle_id", [bundle_id]).fetchall()]
        for table in schema.TABLES:
            if older and "bundle_id" in schema.column_names(table.name):
                self.con.execute(f'DELETE FROM "{table.name}" WHERE list_contains(?, bundle_id)', [older])
        return len(older)

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(path=DEFAULT_DB, read_only=False):
    """Open (or create) a store. The entry point for notebooks and scripts."""
    return Store(path, read_only=read_only)


def _literal(value):
    """A SQL literal for a Python value (the loader's own constants: ids, names, times)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value)
    if isinstance(value, float):
        return f"'{value}'::DOUBLE"
    if isinstance(value, datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    return "'" + str(value).replace("'", "''") + "'"


def first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
