"""The year of year-less log stamps when a bundle does not say when it was collected.

Classic syslog ('Jul 10 09:40:06') and journalctl's short format carry no year;
timestamps.py takes it from the collection time. Without one (no `date`, no
manifest), the best stand-in for "collected at" is, in order:

1. journal_header: the journal's own first line,
   '-- Logs begin at Sun 2020-01-12 10:00:00 UTC, end at Mon 2020-01-13 09:00:00 UTC. --'
   (systemd 246+: '-- Journal begins at ..., ends at ...'): its end is when it was read;
2. dated_lines: the newest line of the bundle that has a full date (ISO 8601 or dmesg -T);
3. file_mtime: the newest modification time an archive recorded for the bundle's logs
   (an extracted folder's times are those of the copy, so only archives give one);
4. kernel_build: the running kernel's build date ('#1 SMP Tue Mar 3 12:00:00 UTC 2020' in
   uname -v or the 'Linux version' line), a lower bound: a line is put in the first year
   after the build that has its month and day;
5. now: the newest plausible year, today's (a stamp later in the year than today goes
   to the year before).

The bundle's ts_year_inferred and ts_year_basis columns say which one was used.
"""
import re
from datetime import datetime, timedelta, timezone

from sosql.derive.hostfacts import BUILD

JOURNAL_TIMES = r"^-- (?:Logs begin at|Journal begins at) \w+ (\S+ \S+)[^,]*, ends? at \w+ (\S+ \S+)"
YEARLESS = "ts_raw >= 'A' AND length(ts_raw) <= 15"      # the classic stamp's shape (timestamps.py)

HEADER_SQL = """
SELECT max(try_strptime(regexp_extract(raw, $pattern, 2), '%Y-%m-%d %H:%M:%S'))
FROM log_lines WHERE bundle_id = $bundle_id AND starts_with(raw, '-- ') AND regexp_matches(raw, $pattern)
"""
DATED_SQL = "SELECT max(ts) FROM log_lines WHERE bundle_id = $bundle_id AND ts_raw IS NOT NULL AND NOT (" \
            + YEARLESS + ")"
BUILD_SQL = """
SELECT coalesce(h.kernel_version, (SELECT any_value(message) FROM log_lines WHERE bundle_id = $bundle_id
                                   AND program = 'kernel' AND starts_with(message, 'Linux version ')))
FROM hosts h WHERE bundle_id = $bundle_id
"""
MARK_SQL = f"""
UPDATE bundles SET ts_year_inferred = $inferred, ts_year_basis = $basis
WHERE bundle_id = $bundle_id AND EXISTS (SELECT 1 FROM log_lines WHERE bundle_id = $bundle_id AND {YEARLESS})
"""


EARLIEST = datetime(2000, 1, 1)    # an mtime before this is a tar written without times (0)


def reference(store, bundle_id, collected_at, now=None, log_mtime=None):
    """(time standing in for the collection time, its basis) for placing year-less stamps."""
    if collected_at is not None:
        return collected_at, "collected_at"
    params = {"bundle_id": bundle_id}
    header = _one(store, HEADER_SQL, dict(params, pattern=JOURNAL_TIMES))
    if header:
        return header, "journal_header"
    dated = _one(store, DATED_SQL, params)
    if dated:
        return dated, "dated_lines"
    now = now or datetime.now()
    if log_mtime:
        written = datetime.fromtimestamp(log_mtime, timezone.utc).replace(tzinfo=None)
        if EARLIEST < written <= now + timedelta(days=1):
            return written, "file_mtime"
    built = build_date(_one(store, BUILD_SQL, params) or "")
    if built and built < now:
        return min(built + timedelta(days=364), now), "kernel_build"
    return now, "now"


def mark(store, bundle_id, basis):
    """Record on the bundle whether its year-less stamps' year was guessed, and from what."""
    store.execute(MARK_SQL, {"bundle_id": bundle_id, "inferred": basis != "collected_at", "basis": basis})


def build_date(text):
    """The date in a kernel build stamp: '#1 SMP Tue Mar 3 12:00:00 UTC 2020' -> 2020-03-03 12:00."""
    found = re.search(BUILD, text)
    if not found:
        return None
    month, day, clock, year = re.search(r"([A-Z][a-z]{2}) +(\d+) (\S+)(?: \S+)? (\d{4})$", found.group(1)).groups()
    try:
        return datetime.strptime(f"{year} {month} {day} {clock}", "%Y %b %d %H:%M:%S")
    except ValueError:
        return None


def _one(store, sql, params):
    rows = store.execute(sql, params).fetchall()
    return rows[0][0] if rows else None
