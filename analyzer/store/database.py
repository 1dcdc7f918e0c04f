"""What every sosql DuckDB database shares: queries, transactions and typed inserts.

Two kinds exist. The store (store.py) is a folder: a DuckDB catalog of the small tables and
Parquet files of the log lines. A scratch (scratch.py) is one load's working file, where a
batch of bundles is parsed and derived with every table real, before its rows go into the store.
"""
import contextlib
import math
import os
import re
import uuid
from datetime import datetime
from pathlib import Path

import duckdb

from sosql.errors import QueryError, StoreError
from sosql.store import schema, versions


def to_arrow(relation):
    """A DuckDB relation or result as a pyarrow Table, across DuckDB versions."""
    if hasattr(relation, "to_arrow_table"):
        return relation.to_arrow_table()
    return relation.fetch_arrow_table()


# Rows that insert_dicts appends as the parameters of one INSERT; more go as an Arrow table.
FEW_ROWS = 16
_EMPTY = {}          # (pid, kind) -> the bytes of an empty database file (a forked child makes its own)


def write_empty(path, kind, make):
    """Write at `path` (not there yet) an empty database of `kind`, a copy of one `make(path)`
    made once in this process: making every table anew costs more than loading a small bundle."""
    path = Path(path)
    if (os.getpid(), kind) not in _EMPTY:
        first = path.parent / f".empty-{kind}-{uuid.uuid4().hex}.duckdb"
        make(first)
        _EMPTY[os.getpid(), kind] = first.read_bytes()
        first.unlink()
    spare = path.parent / f".{path.name}.{uuid.uuid4().hex}"
    spare.write_bytes(_EMPTY[os.getpid(), kind])
    try:
        os.link(spare, path)       # there whole or not at all, never over one another process made meanwhile
    except FileExistsError:
        pass
    except OSError:                # a file system without hard links
        os.replace(spare, path)
    finally:
        spare.unlink(missing_ok=True)


def connect(path, read_only=False, label=None):
    """A DuckDB connection to `path`; a lock held by another process is told with its PID."""
    label = label or path
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        holder = re.search(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", str(exc))
        if holder:
            raise StoreError(f"{label}: in use by another process, {holder.group(1)} (PID "
                             f"{holder.group(2)}); wait for it to finish or use another --db") from exc
        raise StoreError(f"{label}: cannot open store: {first_line(exc)}") from exc


class Database:
    """A DuckDB connection with the sosql macros and functions."""

    single_thread = False    # statements run on one DuckDB thread (one_thread), not DuckDB's default

    def __init__(self, con, path, functions=True):
        """`con` with sosql's functions; with functions=False, the Python functions (version_cmp)
        are there already (they belong to a whole DuckDB, and this is another connection of one)."""
        self.con, self.path = con, path
        self.con.execute("SET enable_progress_bar = false")    # ours is on the terminal (progress.py)
        if functions:
            versions.register(self.con)

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

    def one_thread(self, one):
        """Run statements on one DuckDB thread (one=True) or on DuckDB's default number. For small
        data one is faster: each statement sets up every thread it may use (compiling its
        regexes again for each), and the data leaves the others nothing to do."""
        if self.single_thread != one:
            self.con.execute("SET threads = 1" if one else "RESET threads")
            self.single_thread = one

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
        select = projection(table_name, rows.schema.names, constants, computed)
        # Read by the local variable's name: a view (register()) would keep the Arrow data alive
        # until the commit, a relation (from_arrow) takes 1.0 ms a call against 0.6.
        sosql_rows = rows  # noqa: F841 (read by the query)
        self.con.execute(f'INSERT INTO "{table_name}" SELECT {", ".join(select)} FROM sosql_rows')
        return rows.num_rows

    def insert_dicts(self, table_name, dicts):
        """Append rows given as dicts (small tables: hosts, bundles, sources)."""
        import pyarrow as pa
        if not dicts:
            return 0
        columns = [c for c in schema.column_names(table_name) if any(c in d for d in dicts)]
        if len(dicts) <= FEW_ROWS:         # as parameters: a third of the time of an Arrow table's way
            return self._insert_values(table_name, columns, dicts)
        rows = pa.table({c: [d.get(c) for d in dicts] for c in columns})
        return self.insert(table_name, rows)

    def _insert_values(self, table_name, columns, dicts):
        names = ", ".join(f'"{c}"' for c in columns)
        row = "(" + ", ".join("?" * len(columns)) + ")"
        self.con.execute(f'INSERT INTO "{table_name}" ({names}) VALUES ' + ", ".join([row] * len(dicts)),
                         [d.get(c) for d in dicts for c in columns])
        return len(dicts)

    def has_bundle(self, bundle_id):
        return self.con.execute(
            "SELECT count(*) FROM bundles WHERE bundle_id = ?", [bundle_id]).fetchall()[0][0] > 0

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def projection(table_name, names, constants=None, computed=None, cast=False, skip=()):
    """The SELECT list giving rows with columns `names` the columns of `table_name` (as
    Database.insert describes), each cast to its contract type with cast=True."""
    constants, computed, names = constants or {}, computed or {}, set(names)
    select = []
    for column in schema.BY_NAME[table_name].columns:
        if column.name in skip:
            continue
        if column.name in constants:
            value = _literal(constants[column.name])
        elif column.name in computed:
            expression, params = computed[column.name]
            value = re.sub(r"\?", lambda _, p=iter(params): _literal(next(p)), expression)
        else:
            value = f'"{column.name}"' if column.name in names else "NULL"
        select.append(f'CAST({value} AS {column.type}) AS "{column.name}"' if cast else f'{value} AS "{column.name}"')
    return select


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
