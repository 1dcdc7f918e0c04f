"""The `items` of our manifest.json: every command run and file read, and how it went.

Sample input (a manifest with two items)::

    {"format": "sosql-bundle", "format_version": 1, "hostname": "node5", "items": [
     {"kind": "command", "path": "commands/dmesg", "argv": ["dmesg"], "returncode": 0,
      "duration_s": 0.02, "bytes": 23884, "truncated": false, "sha256": "9f2c", "error": null},
     {"kind": "file", "path": null, "source": "/var/log/messages", "bytes": 0,
      "truncated": false, "error": "permission denied"}]}

Example: rows of bundle_items; argv becomes the space-separated `command`.
"""
from sosql.parsers.manifest import load
from sosql.store import schema

KIND = "table"
TABLE = "bundle_items"

# What a manifest value must be to fill a column of each type (others become NULL).
PYTHON_TYPES = {"VARCHAR": str, "INTEGER": int, "BIGINT": int, "DOUBLE": (int, float), "BOOLEAN": bool}


def parse(text):
    _, items = load(text)
    rows = [typed({**item, "command": " ".join(map(str, item["argv"])) if isinstance(item.get("argv"), list) else None})
            for item in items]
    return schema.arrow_table(TABLE, rows)


def typed(item):
    """A row of bundle_items from a manifest's item: each value that does not fit its column's type
    is NULL. `source` is always given (NULL for commands): it is the node's path, not the catalog's."""
    return {c.name: _value(item.get(c.name), c.type) for c in schema.BY_NAME[TABLE].columns if c.name != "bundle_id"}


def _value(value, column_type):
    """The value if it fits the column's type, else NULL (a hand-edited manifest must not fail the load)."""
    expected = PYTHON_TYPES[column_type]
    if value is None or isinstance(value, bool) and expected is not bool:
        return None
    return value if isinstance(value, expected) else None
