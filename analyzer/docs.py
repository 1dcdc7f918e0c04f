"""Generated documentation: `python -m analyzer.docs` rewrites docs/tables.md.

A test checks the committed file is what this writes, so the docs never drift
from the schema.
"""
from pathlib import Path

from . import schema

TABLES_MD = Path(__file__).resolve().parent.parent / "docs" / "tables.md"


def tables_markdown():
    lines = ["# Tables", "",
             "Generated from `analyzer/schema.py` by `python -m analyzer.docs`; do not edit by hand.",
             f"Schema version {schema.SCHEMA_VERSION}. Times are node local unless the column says UTC.", ""]
    for table in schema.TABLES:
        lines += [f"## {table.name}", "", table.doc, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in table.columns]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    TABLES_MD.write_text(tables_markdown())
    print(TABLES_MD)
