"""The `items` of our manifest.json: every command run and file read, and how it went.

Sample input (one item)::

    {"kind": "command", "path": "commands/dmesg", "argv": ["dmesg"], "returncode": 0,
     "duration_s": 0.02, "bytes": 23884, "truncated": false, "sha256": "9f2c...", "error": null}
    {"kind": "file", "path": null, "source": "/var/log/messages", "bytes": 0,
     "truncated": false, "error": "permission denied"}

Example: rows of bundle_items; argv becomes the space-separated `command`.
"""
import pyarrow as pa

from sosql.parsers.manifest import load

KIND = "table"
TABLE = "bundle_items"

TYPES = {"kind": pa.string(), "path": pa.string(), "command": pa.string(), "source": pa.string(),
         "returncode": pa.int32(), "duration_s": pa.float64(), "bytes": pa.int64(),
         "truncated": pa.bool_(), "sha256": pa.string(), "error": pa.string()}


def parse(text):
    _, items = load(text)
    rows = [{**{k: _value(item.get(k), t) for k, t in TYPES.items()},
             "command": " ".join(map(str, item["argv"])) if isinstance(item.get("argv"), list) else None}
            for item in items]
    return pa.table({k: pa.array([r[k] for r in rows], t) for k, t in TYPES.items()})


def _value(value, arrow_type):
    """The value if it fits the column's type, else NULL (a hand-edited manifest must not fail the load)."""
    checks = {pa.string(): str, pa.int32(): int, pa.int64(): int, pa.float64(): (int, float), pa.bool_(): bool}
    expected = checks[arrow_type]
    if value is None or isinstance(value, bool) and expected is not bool:
        return None
    return value if isinstance(value, expected) else None
