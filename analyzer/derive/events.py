"""Classifying log lines into events, with the pattern catalog in event_patterns.tsv.

The bundle's log_lines are scanned once, for lines matching any pattern (and any
crash report header, see crashes.py); they are kept in the temporary table
HITS, and each pattern then runs over those few lines only. The same
kernel line is often in dmesg, kern.log, messages and the journal at once; it is
one event, kept from the source that dates it best (catalog.LOG_PRIORITY).
"""
import functools
import re
from pathlib import Path
from typing import NamedTuple, Tuple

from sosql.errors import SosqlError
from sosql.read import catalog

PATTERNS_FILE = Path(__file__).with_name("event_patterns.tsv")
FIELD_TYPES = {"cpu": "INTEGER", "process": "VARCHAR", "pid": "BIGINT",
               "seconds": "DOUBLE", "device": "VARCHAR", "detail": "VARCHAR", "state": "VARCHAR"}
EXTRA_FIELDS = {"millis"}    # a duration in milliseconds: fills seconds
SEVERITIES = ("critical", "high", "medium", "low", "info")
DUPLICATE_WINDOW_S = 300   # same message within this many seconds in two sources = one event
HITS = "sosql_hits"        # temporary: the bundle's lines that may be events or crash headers
PRECHECK_ROWS = 5000       # up to this many hits, Python finds which patterns can match at all
# Where a kernel record starts: at the message's start, or after a printk stamp inside it,
# where console output of several CPUs interleaved ('...34359738352 bytes[   76.47] BUG: ...').
RECORD_START = r"(?:^|\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])? ?)"


class Pattern(NamedTuple):
    kind: str
    severity: str
    programs: Tuple[str, ...]   # empty = any program
    regex: str
    fields: Tuple[str, ...]     # named groups, in group order


def load_patterns(path=PATTERNS_FILE):
    patterns, severity = [], {}
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            pattern = _pattern(path, number, line)
            if severity.setdefault(pattern.kind, pattern.severity) != pattern.severity:
                raise SosqlError(f"{path}:{number}: {pattern.kind} has another severity on an earlier line")
            patterns.append(pattern)
    return patterns


def _pattern(path, number, line):
    parts = line.split("\t")
    if len(parts) != 4:
        raise SosqlError(f"{path}:{number}: expected 4 tab-separated fields, found {len(parts)}")
    kind, severity, programs, regex = parts
    if regex.startswith("^"):
        regex = RECORD_START + regex[1:]
    compiled = re.compile(regex)
    fields = tuple(sorted(compiled.groupindex, key=compiled.groupindex.get))
    unknown = set(fields) - set(FIELD_TYPES) - EXTRA_FIELDS
    if severity not in SEVERITIES or unknown or compiled.groups != len(fields):
        raise SosqlError(f"{path}:{number}: bad severity, unnamed group or unknown field "
                         f"{sorted(unknown)} in pattern {kind}")
    names = () if programs == "*" else tuple(p.strip() for p in programs.split(","))
    return Pattern(kind, severity, names, regex, fields)


def _quote(text):
    return "'" + text.replace("'", "''") + "'"


def _earlier_dialects(pattern, patterns):
    """The regexes of the lines of the same kind before `pattern`'s: a line they match is theirs."""
    same = [p.regex for p in patterns if p.kind == pattern.kind]
    return same[:same.index(pattern.regex)]


def _select_sql(pattern, earlier=()):
    regex = _quote(pattern.regex)
    values = [f"try_cast(nullif(f.{name}, '') AS {FIELD_TYPES[name]})"
              if name in pattern.fields else "NULL" for name in FIELD_TYPES]
    if "millis" in pattern.fields:
        seconds = list(FIELD_TYPES).index("seconds")
        values[seconds] = f"coalesce({values[seconds]}, try_cast(nullif(f.millis, '') AS DOUBLE) / 1000)"
    extract = (f"regexp_extract(message, {regex}, [{', '.join(map(_quote, pattern.fields))}])"
               if pattern.fields else "NULL")
    program = ("AND (" + " OR ".join(
        f"program LIKE {_quote(p[:-1] + '%')}" if p.endswith("*") else f"program = {_quote(p)}"
        for p in pattern.programs) + ")") if pattern.programs else ""
    return f"""
        SELECT bundle_id, {_quote(pattern.kind)}, {_quote(pattern.severity)}, ts, uptime_s,
               source, path, line_no, {', '.join(values)}, message, raw
        FROM (SELECT *, {extract} AS f FROM {HITS}
              WHERE bundle_id = $bundle_id {program} AND regexp_matches(message, {regex})
              {''.join(f" AND NOT regexp_matches(message, {_quote(e)})" for e in earlier)})"""


def dedupe_sql(table, keys):
    """Delete the copies of a row that other log sources hold too (same keys, close in time),
    keeping the copy from the source that dates it best."""
    ranks = "[" + ", ".join(map(_quote, catalog.LOG_PRIORITY)) + "]"
    rank = "coalesce(nullif(list_position(" + ranks + ", {t}.source), 0), 99)"
    same = " AND ".join(f"o.{k} IS NOT DISTINCT FROM e.{k}" for k in keys)
    return f"""
        DELETE FROM {table} e WHERE e.bundle_id = $bundle_id AND EXISTS (
            SELECT 1 FROM {table} o
            WHERE o.bundle_id = e.bundle_id AND {same} AND o.path <> e.path
              AND ({rank.format(t='o')} < {rank.format(t='e')}
                   OR ({rank.format(t='o')} = {rank.format(t='e')} AND o.path < e.path))
              AND (o.ts IS NULL OR e.ts IS NULL
                   OR abs(epoch(o.ts) - epoch(e.ts)) <= {DUPLICATE_WINDOW_S}))"""


def _present(store, patterns):
    """The patterns that match some hit. DuckDB compiles every regex of a statement each
    time it runs (about 90 ms for all patterns), more than a small bundle's matching costs:
    when the hits are few, Python (its regexes compiled once) tells which to run."""
    rows = store.execute(f"SELECT DISTINCT program, message FROM {HITS} LIMIT {PRECHECK_ROWS + 1}").fetchall()
    if len(rows) > PRECHECK_ROWS:
        return patterns
    return [p for p in patterns
            if any(_runs_on(p, program) and _compiled(p.regex).search(message or "") for program, message in rows)]


def _runs_on(pattern, program):
    """Whether the pattern applies to lines of `program` (as the SQL's program filter says)."""
    if not pattern.programs:
        return True
    return program is not None and any(program.startswith(p[:-1]) if p.endswith("*") else program == p
                                       for p in pattern.programs)


@functools.lru_cache(maxsize=None)
def _compiled(regex):
    return re.compile(regex)


def any_of(regexes):
    """One RE2 regex matching where any of `regexes` matches (their groups made non-capturing)."""
    return "|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', regex)})" for regex in regexes)


def collect_hits(store, bundle_id, regexes):
    """Keep the bundle's log lines that match any of `regexes` in the temporary table HITS."""
    store.execute(f"CREATE OR REPLACE TEMP TABLE {HITS} AS SELECT * FROM log_lines "
                  f"WHERE bundle_id = $bundle_id AND regexp_matches(message, {_quote(any_of(regexes))})",
                  {"bundle_id": bundle_id})


def classify(store, bundle_id, patterns=None, also=()):
    """Fill `events` for one bundle from its log_lines; `also`: more regexes whose lines
    other steps want from HITS (crash report headers)."""
    patterns = patterns or load_patterns()
    collect_hits(store, bundle_id, [p.regex for p in patterns] + list(also))
    patterns = _present(store, patterns)
    if not patterns:
        return
    # One statement for all patterns: planning 36 statements per bundle costs more than running them.
    store.execute(f"""INSERT INTO events (bundle_id, kind, severity, ts, uptime_s, source, path, line_no,
                                         {', '.join(FIELD_TYPES)}, message, raw)
                      {' UNION ALL '.join(_select_sql(p, _earlier_dialects(p, patterns)) for p in patterns)}""",
                  {"bundle_id": bundle_id})
    # Duplicates are one message in two files (dmesg and messages): none when the hits are in one.
    if store.execute(f"SELECT count(DISTINCT path) > 1 FROM {HITS}").fetchall()[0][0]:
        store.execute(dedupe_sql("events", ("kind", "message")), {"bundle_id": bundle_id})
