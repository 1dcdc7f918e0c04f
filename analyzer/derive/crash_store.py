"""Crash reports in the store: one bundle's kernel lines assembled (crashes.py) into `crashes`.

The lines that may start a report (a header, or a `Call Trace:` no header claims) are
looked up in events.HITS, which events.classify filled with HEADS_REGEX among its
regexes; only the windows of lines around them are read back. A bare call trace has no
header line to become an event: it gets a `call_trace` event of its own here, so that
every crash report kind is also an event kind (timeline, rules over events).
"""
import pyarrow as pa

from sosql.derive import crashes, events

# Report headers and bare call traces, for DuckDB's RE2, anchored at any record start.
HEADS_REGEX = events.RECORD_START + "(?:" + crashes.HEADER_SQL[len(events.RECORD_START):] + r"|\s*Call [Tt]race:)"
BEFORE = crashes.PREAMBLE_LINES + 2   # lines read before a head: a bare trace's dump_stack preamble and its owner
HEADS_SQL = f"""SELECT path, list(line_no ORDER BY line_no) FROM {events.HITS}
               WHERE bundle_id = ? AND program = 'kernel' AND regexp_matches(message, ?) GROUP BY path"""
LINES_SQL = """SELECT line_no, message, ts, uptime_s, source FROM log_lines
               WHERE bundle_id = ? AND path = ? AND program = 'kernel' AND ({}) ORDER BY line_no"""
TYPES = {"kind": pa.string(), "title": pa.string(), "ts": pa.timestamp("us"), "uptime_s": pa.float64(),
         "source": pa.string(), "path": pa.string(), "first_line": pa.int64(), "last_line": pa.int64(),
         "process": pa.string(), "pid": pa.int64(), "cpu": pa.int32(), "tainted": pa.string(),
         "kernel_release": pa.string(), "hardware": pa.string(), "frames": pa.list_(pa.string()),
         "signature": pa.string(), "raw": pa.string()}
TRACE_EVENTS_SQL = f"""
    INSERT INTO events (bundle_id, kind, severity, ts, uptime_s, source, path, line_no, cpu, process, pid,
                        detail, message, raw)
    SELECT c.bundle_id, 'call_trace', '{crashes.SEVERITY["call_trace"]}', c.ts, c.uptime_s, c.source, c.path,
           c.first_line, c.cpu, c.process, c.pid, array_to_string(c.frames[1:3], ' <- '), c.title,
           coalesce((SELECT l.raw FROM log_lines l WHERE l.bundle_id = c.bundle_id AND l.path = c.path
                     AND l.line_no = c.first_line), c.title)
    FROM crashes c WHERE c.bundle_id = $bundle_id AND c.kind = 'call_trace'"""


def fill(store, bundle_id):
    """Assemble the crash reports of one bundle's kernel lines into `crashes`."""
    rows = []
    for path, heads in store.execute(HEADS_SQL, [bundle_id, HEADS_REGEX]).fetchall():
        ranges = " OR ".join(f"line_no BETWEEN {h - BEFORE} AND {h + crashes.WINDOW}" for h in _merged(heads))
        lines = store.execute(LINES_SQL.format(ranges), [bundle_id, path]).fetchall()
        at = {line[0]: line for line in lines}
        for crash in crashes.assemble([(line[0], line[1] or "") for line in lines]):
            first = at[crash["first_line"]]
            rows.append(dict(crash, ts=first[2], uptime_s=first[3], source=first[4], path=path,
                             raw="\n".join(crash.pop("lines"))))
    store.insert("crashes", pa.table({k: pa.array([r[k] for r in rows], t) for k, t in TYPES.items()}),
                 {"bundle_id": bundle_id})
    if len({r["path"] for r in rows}) > 1:      # a report twice (dmesg and messages) is from two files
        store.execute(events.dedupe_sql("crashes", ("kind", "signature", "title")), {"bundle_id": bundle_id})
    if any(r["kind"] == "call_trace" for r in rows):
        store.execute(TRACE_EVENTS_SQL, {"bundle_id": bundle_id})


def _merged(heads):
    """Head line numbers far enough apart to need their own window."""
    kept = []
    for head in heads:
        if not kept or head > kept[-1] + crashes.WINDOW:
            kept.append(head)
    return kept
