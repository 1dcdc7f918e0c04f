"""One bundle's log lines written straight to staged Parquet files as they are parsed, one file
per log member, instead of into a database table: pyarrow's Parquet writer (C++) takes the
parsers' Arrow tables with their times computed by DuckDB, and nothing is copied twice.

While the bundle loads, `log_lines` in its scratch database is a temporary view over these
files (so events, crash reports and host facts are derived as from a table), and the store
lists the same files once the bundle is published (lines_files.py, publish.py).

    lines = LinesWriter(scratch, bundle_id, staging_folder)
    lines.write("var/log/messages", arrow_table, constants, computed)
    lines.show()                       # log_lines now reads the files
    lines.mend_times(collected, boot)  # times the final facts change, file by file
    lines.files()                      # [(file name, rows)] for the store
"""
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from sosql.store import lines_files, schema
from sosql.store.database import _literal, projection

TABLE = "log_lines"
COLUMNS = [c.name for c in schema.BY_NAME[TABLE].columns]
# pyarrow writes (compresses) without the GIL: in this thread, while the next chunk is parsed
# and given its times.
_WRITING = ThreadPoolExecutor(1, thread_name_prefix="sosql-parquet")


class LinesWriter:
    def __init__(self, scratch, bundle_id, folder):
        self.scratch, self.bundle_id, self.folder = scratch, bundle_id, Path(folder)
        self.members = {}      # member path -> [file name, rows, open writer or None]
        self.timed_by = {}     # member path -> {(SQL, parameters) its chunks' times were computed by}
        self.pending = None    # the table being written: one at a time, so memory stays bounded

    def write(self, member, rows, constants, computed):
        """Append a parser's Arrow table of `member`'s lines; return its row count."""
        if rows.num_rows == 0:
            return 0
        select = projection(TABLE, rows.schema.names, constants, computed, cast=True, skip=("bundle_id",))
        table = self.scratch.con.from_arrow(rows).project(", ".join(select)).to_arrow_table()
        self._written()
        timed_by = (computed or {}).get("ts")
        self.timed_by.setdefault(member, set()).add(timed_by and (timed_by[0], tuple(timed_by[1])))
        entry = self.members.setdefault(member, [f"{uuid.uuid4().hex}.parquet", 0, None])
        if entry[2] is None:
            entry[2] = pq.ParquetWriter(self.folder / entry[0], table.schema, compression="zstd")
        self.pending = _WRITING.submit(entry[2].write_table, table)
        entry[1] += table.num_rows
        return table.num_rows

    def _written(self):
        """Wait for the table being written (and raise its error, a full disk)."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def drop(self, member):
        """Forget a member's lines (a better candidate of its source came, or its parser failed)."""
        self._written()
        self.timed_by.pop(member, None)
        entry = self.members.pop(member, None)
        if entry:
            self._close(entry)
            (self.folder / entry[0]).unlink(missing_ok=True)

    def show(self):
        """Make `log_lines` of the scratch read this bundle's files (a temporary view)."""
        self._written()
        for entry in self.members.values():
            self._close(entry)
        files = [str(self.folder / name) for name, _, _ in self.members.values()]
        columns = ", ".join(f'"{c}"' for c in COLUMNS if c != "bundle_id")
        if files:
            source = f"SELECT {_literal(self.bundle_id)} AS bundle_id, {columns} FROM read_parquet({files!r})"
        else:
            source = lines_files.empty_select(TABLE)
        self.scratch.execute(f"CREATE OR REPLACE TEMP VIEW {TABLE} AS {source}")

    def mend_times(self, expression, params):
        """Rewrite the files some of whose times `expression` (SQL over a line's columns, its
        parameters as `?`) now gives otherwise: the final facts of the bundle changed them. A
        file whose times were computed by that expression with those parameters is not read."""
        ts = next(c for c in projection(TABLE, [], computed={"ts": (expression, params)}, cast=True)
                  if c.endswith(' AS "ts"'))
        for member, (name, _, _) in self.members.items():
            if self.timed_by.get(member) == {(expression, tuple(params))}:
                continue
            path = self.folder / name
            changed = self.scratch.execute(
                f"SELECT count(*) FROM read_parquet('{path}') WHERE ts IS DISTINCT FROM ({ts.rsplit(' AS ', 1)[0]})"
            ).fetchall()[0][0]
            if changed:
                columns = ", ".join(ts if c == "ts" else f'"{c}"' for c in COLUMNS if c != "bundle_id")
                self._copy(f"COPY (SELECT {columns} FROM read_parquet('{path}')) TO '{path}.new' "
                           f"(FORMAT parquet, COMPRESSION zstd)")
                os.replace(f"{path}.new", path)

    def _copy(self, sql):
        try:
            self.scratch.execute(sql)
        except duckdb.OutOfMemoryException:
            # DuckDB writes 2,048 rows at a time, whatever their size: lines of up to 9 MiB can need
            # more than the load's memory limit, and get DuckDB's default for this copy.
            limit = self.scratch.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
            self.scratch.execute("RESET memory_limit")
            try:
                self.scratch.execute(sql)
            finally:
                self.scratch.execute(f"SET memory_limit = '{limit}'")

    def files(self):
        """[(file name, rows)] of the bundle's staged files."""
        return [(name, rows) for name, rows, _ in self.members.values()]

    def discard(self):
        """Delete every file: the bundle did not load."""
        try:
            self._written()
        except Exception:     # the bundle failed already; its files go all the same
            pass
        for member in list(self.members):
            self.drop(member)
        self.hide()

    def hide(self):
        self.scratch.execute(f"DROP VIEW IF EXISTS temp.{TABLE}")

    @staticmethod
    def _close(entry):
        if entry[2] is not None:
            entry[2].close()
            entry[2] = None
