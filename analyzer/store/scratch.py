"""A scratch database: where one load parses and derives a batch of bundles, every table of
the contract real (log_lines too), before the rows go into the store (publish.py).

Loading workers each fill scratch files of their own, in parallel; tests use one to put rows
in by hand and run a single step (events.classify, timestamps.fill, a rule).

    >>> from sosql.store.scratch import Scratch
    >>> with Scratch("work.duckdb") as db:
    ...     db.insert_dicts("hosts", [{"bundle_id": "b1", "hostname": "node1"}])
"""
from pathlib import Path

from sosql.store import schema, views
from sosql.store.database import Database, connect, write_empty


class Scratch(Database):
    """A DuckDB file with every table of the contract; created if new. create=False opens a
    copy of one made before (its tables are there)."""

    def __init__(self, path, create=True):
        path = Path(path)
        super().__init__(connect(path), path)
        if not create:
            return
        with self.transaction():
            for statement in (*schema.create_statements(), *views.STORE_SQL):
                self.con.execute(statement)

    @classmethod
    def new(cls, path):
        """A new, empty scratch at `path` (not there yet), written from this process's empty one:
        making every table anew costs more than parsing a small bundle."""
        write_empty(path, "scratch", lambda first: Scratch(first).close())
        return cls(path, create=False)
