"""A scratch database: where one load parses and derives a batch of bundles, every table of
the contract real (log_lines too), before the rows go into the store (publish.py).

Loading workers each fill scratch files of their own, in parallel; tests use one to put rows
in by hand and run a single step (events.classify, timestamps.fill, a rule).

    >>> from sosql.store.scratch import Scratch
    >>> with Scratch("work.duckdb") as db:
    ...     db.insert_dicts("hosts", [{"bundle_id": "b1", "hostname": "node1"}])

A load opens a scratch per batch of bundles, and tests open hundreds: each is attached to one
in-memory DuckDB of this process (_attach) rather than opened as a database of its own, which
costs DuckDB some 15 ms (it sets up every built-in function again) where an ATTACH takes 2 ms.
The scratches of a process share that DuckDB's settings (memory_limit, threads): loading sets
the same ones for all of them. A store is a database of its own (its rules' sandbox settings
are for the whole of a DuckDB).
"""
import itertools
import os
from pathlib import Path

import duckdb

from sosql.errors import StoreError
from sosql.store import schema, versions, views
from sosql.store.database import Database, _literal, first_line, write_empty

_HOSTS = {}                       # pid -> the in-memory DuckDB this process attaches its scratches to
_NAMES = itertools.count(1)


def _attach(path):
    """A connection of this process's host DuckDB with `path` attached and in use: (connection, name)."""
    host = _HOSTS.get(os.getpid())
    if host is None:
        host = _HOSTS[os.getpid()] = duckdb.connect()
        versions.register(host)
    con, name = host.cursor(), f"scratch_{next(_NAMES)}"
    try:
        con.execute(f"ATTACH {_literal(str(path))} AS {name}")
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path}: cannot open scratch database: {first_line(exc)}") from exc
    con.execute(f"USE {name}")
    con.execute("RESET threads")          # as a database of its own starts: one_thread() says otherwise
    return con, name


class Scratch(Database):
    """A DuckDB file with every table of the contract; created if new. create=False opens a
    copy of one made before (its tables are there)."""

    def __init__(self, path, create=True):
        path = Path(path)
        con, self.name = _attach(path)
        super().__init__(con, path, functions=False)
        try:
            self._prepare(create)
        except BaseException:      # not left attached to this process's DuckDB until it exits
            self.close()
            raise

    def _prepare(self, create):
        for macro in views.TIME_MACROS:      # dating log lines is loading's work: temporary, on this connection
            self.con.execute(macro)
        if create:
            with self.transaction():
                for statement in (*schema.create_statements(), *views.STORE_SQL):
                    self.con.execute(statement)

    @classmethod
    def new(cls, path):
        """A new, empty scratch at `path` (not there yet), written from this process's empty one:
        making every table anew costs more than parsing a small bundle."""
        write_empty(path, "scratch", lambda first: Scratch(first).close())
        return cls(path, create=False)

    def close(self):
        """Detach the file (DuckDB checkpoints it: its rows are in the file itself)."""
        try:
            self.con.execute("USE memory")
            self.con.execute(f"DETACH {self.name}")
        finally:
            self.con.close()
