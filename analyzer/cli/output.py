"""Printing rows for people (a terminal table) and for programs (CSV, JSON lines), streamed:
rows go out in DuckDB record batches, so a result of any size prints in bounded memory.

JSON lines keep real JSON types (a JSON column is an object, a list an array); CSV writes
true/false and lists or structs as JSON.
"""
import csv
import shutil
import sys

import duckdb

from sosql.cli import termtable

FORMATS = ("table", "csv", "json")
BATCH_ROWS = 10_000
TABLE_ROWS = 40         # rows a terminal table shows; the footer says how many more
_ROW = "sosql_row"      # the relation's name inside the SQL that formats it
_CSV_FIELD = ("CASE WHEN {column} IS NULL THEN '' WHEN regexp_matches({column}, '[\",\\r\\n]') "
              "THEN '\"' || replace({column}, '\"', '\"\"') || '\"' ELSE {column} END")


def write(rows, fmt="table", stream=None, width=None):
    """Write a DuckDB relation (streamed) or a pyarrow Table in one of FORMATS."""
    stream = stream or sys.stdout
    fmt = getattr(fmt, "value", fmt)
    con = None
    if not isinstance(rows, duckdb.DuckDBPyRelation):
        con = duckdb.connect()
        rows = con.from_arrow(rows)
    try:
        {"csv": _csv, "json": _json}.get(fmt, _table)(rows, stream, width)
    finally:
        if con is not None:
            con.close()


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def projection(relation, text_only, source=_ROW):
    """A SELECT of the relation's columns from `source`: nested and JSON values as JSON text;
    with text_only, booleans as true/false and everything else as text (CSV)."""
    columns = []
    for name, kind in zip(relation.columns, map(str, relation.types)):
        column = _quoted(name)
        if kind == "JSON" or kind.endswith("]") or kind.startswith(("STRUCT", "MAP", "UNION")):
            column = f"CAST(to_json({column}) AS VARCHAR)"
        elif kind == "BOOLEAN" and text_only:
            column = f"CASE WHEN {column} THEN 'true' WHEN NOT {column} THEN 'false' END"
        elif kind.startswith("DECIMAL") and not text_only:     # sums of integers: shown as numbers
            column = f"CAST({column} AS DOUBLE)"
        elif text_only or kind in ("BLOB", "UUID") or kind.startswith(("HUGEINT", "INTERVAL", "TIME")):
            column = f"CAST({column} AS VARCHAR)"
        columns.append(f"{column} AS {_quoted(name)}")
    return f"SELECT {', '.join(columns) or '*'} FROM {source}"


def batches(relation, sql):
    """Record batches of `sql` over the relation (named sosql_row in it), streamed."""
    return relation.query(_ROW, sql).to_arrow_reader(BATCH_ROWS)


def _json(relation, stream, width):
    for batch in batches(relation, f"SELECT CAST(to_json({_ROW}) AS VARCHAR) FROM {_ROW}"):
        stream.write("".join(line + "\n" for line in batch.column(0).to_pylist()))


def _csv(relation, stream, width):
    csv.writer(stream, lineterminator="\n").writerow(relation.columns)
    line = " || ',' || ".join(_CSV_FIELD.format(column=_quoted(name)) for name in relation.columns) or "''"
    text = f"SELECT {line} FROM ({projection(relation, text_only=True)})"
    for batch in batches(relation, text):    # the lines are made by DuckDB: fast, whatever the size
        stream.write("".join(line + "\n" for line in batch.column(0).to_pylist()))


def _table(relation, stream, width):
    shown, total = [], 0
    for batch in batches(relation, projection(relation, text_only=False)):
        if len(shown) < TABLE_ROWS:
            shown += [list(r.values()) for r in batch.slice(0, TABLE_ROWS - len(shown)).to_pylist()]
        total += batch.num_rows
    if not shown:
        stream.write("(no rows)\n")
        return
    width = width or terminal_width(stream)
    stream.write("\n".join(termtable.render(relation.columns, shown, total, width)) + "\n")


def terminal_width(stream):
    """The terminal's width (or $COLUMNS); 200 when writing to a pipe or file."""
    if hasattr(stream, "isatty") and stream.isatty():
        return shutil.get_terminal_size().columns
    return shutil.get_terminal_size((200, 24)).columns if "COLUMNS" in __import__("os").environ else 200
