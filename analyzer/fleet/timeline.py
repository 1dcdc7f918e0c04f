"""Timelines: every event (and crash report) of a host in time order, and correlation helpers.

Rows without a time keep their place in their log: each goes just after the last dated
line before it in its file; those with none before them go last, in line order.

`events_near(first_kind, then_kind, seconds)` is a table macro stored in the
DuckDB file, for rules and users' own SQL:

    SELECT * FROM events_near('iscsi_conn_error', 'soft_lockup', 60)

gives each pair where `then_kind` follows `first_kind` on the same host within
`seconds` (the iSCSI-then-lockup incident of the field notes).
"""
import re
from datetime import datetime, timedelta

from sosql.errors import SosqlError

# Time order; a row without a time (a line with no stamp, a dmesg without boot time) is
# placed where its source file puts it: just after the last dated line before it in that
# file (ASOF join on line numbers). Rows with no dated line before them come last, in
# file and line order, which for dmesg is also uptime order.
TIMELINE_SQL = """
WITH t AS (
    SELECT e.bundle_id, e.ts, e.uptime_s, e.kind, e.severity, e.source, e.message, e.path, e.line_no FROM events e
    UNION ALL
    SELECT c.bundle_id, c.ts, c.uptime_s, 'crash:' || c.kind, NULL, c.source,
           c.title || CASE WHEN len(c.frames) > 0 THEN ' <- ' || array_to_string(c.frames[1:3], ' <- ') ELSE '' END,
           c.path, c.first_line
    FROM crashes c
), picked AS (
    SELECT t.*, h.hostname FROM t JOIN hosts h USING (bundle_id)
    WHERE ($host IS NULL OR h.hostname = $host OR starts_with(t.bundle_id, $host))
      AND ($start IS NULL OR t.ts BETWEEN $start AND $end)
), anchors AS (      -- dated lines of the files that hold undated rows
    SELECT l.bundle_id, l.path, l.line_no, l.ts FROM log_lines l
    WHERE l.ts IS NOT NULL AND EXISTS (SELECT 1 FROM picked p WHERE p.ts IS NULL AND p.bundle_id = l.bundle_id
                                                                AND p.path = l.path)
)
SELECT p.ts, CASE WHEN p.ts IS NULL AND p.uptime_s IS NOT NULL
                  THEN printf('+%.1fs after boot', p.uptime_s) END AS relative,
       p.hostname, p.kind, p.severity, p.source, p.message
FROM picked p ASOF LEFT JOIN anchors a ON p.bundle_id = a.bundle_id AND p.path = a.path AND p.line_no >= a.line_no
ORDER BY p.hostname, coalesce(p.ts, a.ts) NULLS LAST, p.ts NULLS LAST, p.bundle_id, p.path, p.line_no,
         p.kind LIKE 'crash:%', p.kind   -- an event before its report
"""

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_window(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd])", text.strip())
    if not match:
        raise SosqlError(f"window {text!r}: write a number and a unit, e.g. 90s, 10m, 2h, 1d")
    return timedelta(seconds=float(match.group(1)) * UNITS[match.group(2)])


def parse_time(text):
    try:
        return datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError as exc:
        raise SosqlError(f"time {text!r}: write it as 'YYYY-MM-DD HH:MM[:SS]' (node local time)") from exc


def query(store, host=None, around=None, window="10m"):
    """The timeline as an Arrow table; with `around`, only +-window of that time."""
    start = end = None
    if around:
        middle, half = parse_time(around), parse_window(window)
        start, end = middle - half, middle + half
    return store.arrow(TIMELINE_SQL, {"host": host, "start": start, "end": end})
