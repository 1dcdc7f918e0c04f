"""Parsers: one module per kind of source text, named in the catalog.

Each module declares KIND and a `parse` function:

- KIND = "facts": `parse(text) -> dict` of `hosts`/`bundles` columns (uname, date, ...).
- KIND = "table": `parse(text) -> pyarrow.Table` for the table named by TABLE.
- KIND = "log":   `parse(chunks) -> iterator of pyarrow.Table` of `log_lines` columns,
  where chunks are `(first_line_no, text)` pieces of a big log (see textio.line_chunks).

A parser sees only text: the loader adds bundle_id, source and path.
"""
import importlib


def get(name):
    """The parser module called `name`."""
    return importlib.import_module(f"{__name__}.{name}")
