"""manifest.json of our bundles (format described in docs/bundle-format.md).

Sample input::

    {"format": "sosql-bundle", "format_version": 1, "collector_version": "1.0.0",
     "hostname": "node5", "boot_id": "0b5f3a6e-1111-2222-3333-444455556666",
     "boot_time": "2018-07-01T08:00:00+08:00",
     "collected_at_utc": "2018-07-10T02:00:00Z",
     "collected_at_local": "2018-07-10T10:00:00+08:00",
     "items": [{"kind": "file", "path": "files/var/log/messages", "truncated": true}]}

Example: gives hostname 'node5', collected_at 2018-07-10 10:00:00 (node local),
collected_at_utc 2018-07-10 02:00:00 and boot_time 2018-07-01 08:00:00. The items
are read by manifest_items.
"""
import json
from datetime import datetime, timezone

from sosql.errors import ParseError

KIND = "facts"
FORMAT = "sosql-bundle"


def load(text):
    """The manifest as a dict, checked to be ours; its items as a list of dicts."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ParseError(f"manifest.json is not valid JSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ParseError(f"manifest.json does not declare format '{FORMAT}'")
    items = doc.get("items") if isinstance(doc.get("items"), list) else []
    return doc, [i for i in items if isinstance(i, dict)]


def parse(text):
    doc, _ = load(text)
    for field in ("hostname", "collected_at_local", "collected_at_utc", "boot_time"):
        if doc.get(field) is not None and not isinstance(doc[field], str):
            raise ParseError(f"manifest.json: {field} is a {type(doc[field]).__name__}, not a string")
    return {
        "format": "sosql",
        "format_version": str(doc.get("format_version", "")) or None,
        "hostname": doc.get("hostname") or None,
        "collected_at": _local(doc.get("collected_at_local")),
        "collected_at_utc": _utc(doc.get("collected_at_utc")),
        "boot_time": _local(doc.get("boot_time")),
    }


def _parse_iso(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _local(value):
    """The wall-clock time as written (node local), without its offset."""
    stamp = _parse_iso(value)
    return stamp.replace(tzinfo=None) if stamp else None


def _utc(value):
    stamp = _parse_iso(value)
    if stamp is None:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(timezone.utc)
    return stamp.replace(tzinfo=None)
