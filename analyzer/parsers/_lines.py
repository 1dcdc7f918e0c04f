"""Helpers shared by the log parsers: split text into lines and run SQL on them.

The per-line work (regex, field extraction) runs in DuckDB over an Arrow table of
lines, vectorized, instead of a Python loop per line.
"""
import warnings

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sosql.store.database import to_arrow

_cons = {}


def _connection(single=False):
    """The DuckDB connection that parses log chunks; with single=True, one that runs on one
    thread, for a chunk of one Arrow batch (BATCH_ROWS): DuckDB scans a batch on one thread,
    and sets up each other thread all the same (compiling the statement's regexes again)."""
    if single not in _cons:
        con = duckdb.connect(config={"memory_limit": "256MB"})   # chunks are small: bound it
        con.execute("SET enable_progress_bar = false")
        if single:
            con.execute("SET threads = 1")
        _cons[single] = con
    return _cons[single]


BATCH_ROWS = 8192    # DuckDB scans an Arrow table's batches in parallel: give it several


def lines_table(first_line_no, text):
    """An Arrow table (line_no, raw) of the lines in `text`, CR of CRLF removed."""
    raw = pc.split_pattern(pa.array([text], pa.large_string()), "\n").flatten()
    if "\r" in text:
        raw = pc.utf8_rtrim(raw, characters="\r")
    line_no = pa.array(np.arange(first_line_no, first_line_no + len(raw), dtype=np.int64))
    table = pa.table({"line_no": line_no, "raw": raw})
    return pa.Table.from_batches(table.to_batches(max_chunksize=BATCH_ROWS), table.schema)


def select(sql, lines):
    """Run `sql` (which reads the table `lines`) and return the result as Arrow."""
    small = lines.num_rows <= BATCH_ROWS
    con = _connection(single=small)
    con.register("lines", lines)
    try:
        return _planned_once(con, sql) if small else to_arrow(con.sql(sql))
    finally:
        con.unregister("lines")


def _planned_once(con, sql):
    """`sql`'s rows as Arrow by way of execute(): DuckDB's relation (con.sql) plans a query twice,
    to describe it and to run it, and for a chunk of one batch planning is most of the work (5
    of 9 ms for a few syslog lines). DuckDB warns that execute()'s rows are copied once more on
    their way to Arrow: a small chunk's copy costs nothing to speak of."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)
        return to_arrow(con.execute(sql))


# What the kernel puts before a message, in the dialects seen in real logs: a printk level
# (`<4>`, vmcore-dmesg and /proc/kmsg style, before or after the stamp), seconds since boot,
# and a caller id (`[ T5855]` a task, `[    C0]` a CPU: CONFIG_PRINTK_CALLER). One regex, so
# that dmesg and syslog's kernel lines read the same.
PRINTK_LEVEL = r"<[0-7]>"
PRINTK_CALLER = r"\[\s*[TC]\d+\]"
MAX_UPTIME_S = 100 * 365 * 86400    # a larger printk stamp is garbage: it would overflow any date


def uptime_sql(text):
    """SQL for the seconds since boot in `text` (SQL of a string), NULL when not a plausible number."""
    seconds = f"try_cast({text} AS DOUBLE)"
    return f"CASE WHEN {seconds} < {MAX_UPTIME_S} THEN {seconds} END"


def sql_string(text):
    """A SQL string literal for text of our own (regexes): quote doubled."""
    return "'" + text.replace("'", "''") + "'"
