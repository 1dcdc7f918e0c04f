"""What became of each source of one bundle as it loads: its `sources` rows (parsed,
truncated, missing or error, with rows and bytes) and the `load_errors` rows of the members
that had a problem. A problem with one member is recorded and the rest of the bundle loads.

    >>> record = SourceRecord(store, "b1", "node1.tar.xz")
    >>> record.parsed("dmesg", "sos_commands/kernel/dmesg", rows=120, nbytes=9000)
"""
from datetime import datetime, timezone

from sosql.errors import SosqlError
from sosql.read import catalog


class SourceRecord:
    def __init__(self, store, bundle_id, path, strict=False):
        self.store, self.bundle_id, self.path = store, bundle_id, path
        self.strict = strict    # let a parser's unexpected exception propagate (tests, --debug)
        self.rows = []          # the bundle's sources rows, without bundle_id
        self.tailed = set()     # member names of which sos kept only the tail

    def parsed(self, source_name, member_name, rows, nbytes, truncated_because=None):
        if member_name in self.tailed:
            truncated_because = "sos kept only the tail of this file"
        status = "truncated" if truncated_because else "parsed"
        self.rows.append(_row(source_name, member_name, status, rows, nbytes, truncated_because))

    def forget(self, member_name):
        """A better candidate replaces this member: its rows go."""
        self.rows = [r for r in self.rows if r["path"] != member_name]

    def missing(self, fmt):
        """A row for each source the format has and the bundle lacks."""
        found = {r["source"] for r in self.rows}
        for source in catalog.SOURCES:
            if catalog.candidates(source, fmt) and source.name not in found:
                self.rows.append(_row(source.name, None, "missing", 0, 0))

    def parser_failed(self, source_name, member_name, exc):
        if self.strict and not isinstance(exc, SosqlError):
            raise exc
        if not isinstance(exc, SosqlError):
            exc = SosqlError(f"parser failed: {type(exc).__name__}: {exc}")
        self.error(source_name, member_name, exc)

    def error(self, source_name, member_name, exc):
        self.rows.append(_row(source_name, member_name, "error", 0, 0, str(exc)))
        self.note(member_name, f"{source_name}: {exc}")

    def note(self, member_name, message):
        """A problem with one member, in load_errors: the rest of the bundle loads."""
        self.store.insert_dicts("load_errors", [{
            "bundle_id": self.bundle_id, "path": self.path, "member": member_name,
            "error": message, "occurred_at": utcnow()}])

    def write(self):
        self.store.insert_dicts("sources", [dict(r, bundle_id=self.bundle_id) for r in self.rows])


def _row(source, path, status, rows, nbytes, message=None):
    return {"source": source, "path": path, "status": status, "rows": rows,
            "bytes": nbytes, "message": message}


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)
