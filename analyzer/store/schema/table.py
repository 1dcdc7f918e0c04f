"""What a table of the contract is: its name, what it holds, and its columns with their
DuckDB types and meanings. Each area's module (bundles.py, logs.py, ...) lists its tables."""
from typing import NamedTuple, Tuple


class Column(NamedTuple):
    name: str
    type: str
    doc: str


class Table(NamedTuple):
    name: str
    doc: str
    columns: Tuple[Column, ...]


def table(name, doc, *columns):
    """A Table from (name, type, doc) tuples, one per column."""
    return Table(name, doc, tuple(Column(*c) for c in columns))


BUNDLE_ID = ("bundle_id", "VARCHAR", "Content hash of the bundle archive (or directory).")
