"""Printing Arrow tables for people (rich table) and for programs (CSV, JSON lines)."""
import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal

FORMATS = ("table", "csv", "json")


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):   # sum() of integers comes back as a decimal
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def write(table, fmt="table", stream=None):
    """Write a pyarrow Table in one of FORMATS."""
    stream = stream or sys.stdout
    rows = [[_plain(v) for v in row.values()] for row in table.to_pylist()]
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows(rows)
    elif fmt == "json":
        for row in rows:
            stream.write(json.dumps(dict(zip(table.column_names, row)), default=str) + "\n")
    else:
        _rich_table(table.column_names, rows, stream)


def _rich_table(names, rows, stream):
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text          # plain text: bundle data may look like [markup]
    out = Table(show_lines=False, header_style="bold")
    for name in names:
        out.add_column(name, overflow="fold")
    for row in rows:
        out.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console(file=stream, width=None if stream.isatty() else 200).print(out)
    if not rows:
        stream.write("(no rows)\n")
