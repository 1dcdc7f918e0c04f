"""The table contract: every table sosql writes, its columns and what they hold.

Rules, reports and users' own SQL are written against these names, so they only
ever grow. `sosql tables` and `docs/tables.md` are generated from this module.
Bump SCHEMA_VERSION whenever a table or column changes.
"""
from typing import NamedTuple, Tuple

SCHEMA_VERSION = 1


class Column(NamedTuple):
    name: str
    type: str
    doc: str


class Table(NamedTuple):
    name: str
    doc: str
    columns: Tuple[Column, ...]


def _table(name, doc, *columns):
    return Table(name, doc, tuple(Column(*c) for c in columns))


BUNDLE_ID = ("bundle_id", "VARCHAR", "Content hash of the bundle archive (or directory).")

TABLES = (
    _table(
        "bundles", "One row per loaded bundle: where it came from and when it was collected.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The archive or directory it was loaded from."),
        ("format", "VARCHAR", "'sosql' (our collector) or 'sos' (sos report)."),
        ("format_version", "VARCHAR", "Bundle format version, or the sos version."),
        ("collected_at", "TIMESTAMP", "Collection time, node local time."),
        ("collected_at_utc", "TIMESTAMP", "Collection time in UTC, where known."),
        ("loaded_at", "TIMESTAMP", "When sosql loaded it (UTC)."),
        ("size_bytes", "BIGINT", "Size of the archive, or of the directory's files."),
    ),
    _table(
        "hosts", "Facts about the node a bundle came from. Hostname is a column, never a key.",
        BUNDLE_ID,
        ("hostname", "VARCHAR", "Host name as the node reported it."),
        ("kernel_release", "VARCHAR", "uname -r, e.g. 3.10.0-693.el7.x86_64."),
        ("kernel_version", "VARCHAR", "uname -v, the build string."),
        ("arch", "VARCHAR", "Machine architecture, e.g. x86_64."),
        ("distro", "VARCHAR", "os-release PRETTY_NAME (or redhat-release / lsb-release)."),
        ("distro_id", "VARCHAR", "os-release ID, e.g. centos, ubuntu."),
        ("distro_version", "VARCHAR", "os-release VERSION_ID."),
        ("virtualization", "VARCHAR", "Hypervisor or system vendor/product, where known."),
        ("boot_time", "TIMESTAMP", "When the node booted, node local time, where known."),
        ("uptime_s", "DOUBLE", "Seconds since boot at collection time."),
    ),
    _table(
        "sources", "For each bundle and logical source: what was found and how it went.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Logical source name from the catalog, e.g. uname, messages."),
        ("path", "VARCHAR", "Path of the member inside the bundle (NULL when missing)."),
        ("status", "VARCHAR", "parsed, missing, truncated or error."),
        ("rows", "BIGINT", "Rows the parser produced."),
        ("bytes", "BIGINT", "Bytes read from the member (after decompression)."),
        ("message", "VARCHAR", "Why it was truncated or failed."),
    ),
    _table(
        "bundle_items", "What the collector ran and read (manifest.json items): one row per item.",
        BUNDLE_ID,
        ("kind", "VARCHAR", "'command' or 'file'."),
        ("path", "VARCHAR", "Member holding the data, NULL when nothing was stored."),
        ("command", "VARCHAR", "For commands: the argument vector, space-separated."),
        ("source", "VARCHAR", "For files: the path read on the node."),
        ("returncode", "INTEGER", "For commands: exit status; NULL if it did not run or was killed."),
        ("duration_s", "DOUBLE", "Seconds it took."),
        ("bytes", "BIGINT", "Bytes stored."),
        ("truncated", "BOOLEAN", "Cut to a size cap (the newest data kept)."),
        ("sha256", "VARCHAR", "SHA-256 of the stored bytes."),
        ("error", "VARCHAR", "Why it failed or is partial (not installed, permission denied, ...)."),
    ),
    _table(
        "log_lines", "Every line of dmesg, syslog/messages/kern.log (rotated too) and journals.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Logical source, e.g. messages, dmesg, journal."),
        ("path", "VARCHAR", "Member path inside the bundle."),
        ("line_no", "BIGINT", "1-based line number within the member."),
        ("ts", "TIMESTAMP", "Absolute time (node local) where derivable, else NULL."),
        ("ts_raw", "VARCHAR", "The timestamp exactly as written in the line."),
        ("uptime_s", "DOUBLE", "Kernel printk time in seconds since boot, where present."),
        ("hostname", "VARCHAR", "Host name written in the line (syslog formats)."),
        ("program", "VARCHAR", "Program (syslog tag), e.g. kernel, kubelet."),
        ("pid", "BIGINT", "Process id from the tag, where present."),
        ("message", "VARCHAR", "The message after the prefix."),
        ("raw", "VARCHAR", "The whole line as read."),
    ),
    _table(
        "events", "Classified kernel and service events found in log_lines, one per occurrence "
        "(the same line seen in dmesg and in syslog counts once).",
        BUNDLE_ID,
        ("kind", "VARCHAR", "Event kind, e.g. soft_lockup, kernel_panic, oom_kill."),
        ("severity", "VARCHAR", "critical, high, medium, low or info."),
        ("ts", "TIMESTAMP", "Absolute time (node local) where derivable."),
        ("uptime_s", "DOUBLE", "Seconds since boot, where the line carried it."),
        ("source", "VARCHAR", "Log source the event was taken from."),
        ("path", "VARCHAR", "Member path inside the bundle."),
        ("line_no", "BIGINT", "Line number in that member."),
        ("cpu", "INTEGER", "CPU number, where the line names one."),
        ("process", "VARCHAR", "Process name (comm), where named."),
        ("pid", "BIGINT", "Process id, where named."),
        ("seconds", "DOUBLE", "Seconds stuck or blocked, or a duration, where named."),
        ("device", "VARCHAR", "Device or interface, where named."),
        ("detail", "VARCHAR", "Further text the pattern pulled out (panic reason, ...)."),
        ("message", "VARCHAR", "The log message."),
        ("raw", "VARCHAR", "The whole log line."),
    ),
    _table(
        "sysctls", "Kernel parameters as collected by sysctl -a.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Parameter, e.g. net.ipv4.ip_forward."),
        ("value", "VARCHAR", "Value as printed."),
    ),
    _table(
        "load_errors", "What could not be loaded and why: one row per problem.",
        ("bundle_id", "VARCHAR", "Bundle id when it could be computed, else NULL."),
        ("path", "VARCHAR", "The archive or directory given to load."),
        ("member", "VARCHAR", "Member inside the bundle, when the problem is one member."),
        ("error", "VARCHAR", "One-line description of the problem."),
        ("occurred_at", "TIMESTAMP", "When it happened (UTC)."),
    ),
    _table(
        "findings", "What the rules found: one row per finding.",
        ("bundle_id", "VARCHAR", "The bundle, or NULL for a fleet-level finding."),
        ("rule_id", "VARCHAR", "The rule's id (its file name without .sql)."),
        ("severity", "VARCHAR", "critical, high, medium, low or info."),
        ("title", "VARCHAR", "The rule's one-line title."),
        ("evidence", "VARCHAR", "The lines, values or rules that show the problem."),
        ("details", "JSON", "Any other columns the rule returned."),
        ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ),
    _table(
        "meta", "Store bookkeeping: schema version and the like.",
        ("key", "VARCHAR", "Setting name."),
        ("value", "VARCHAR", "Setting value."),
    ),
)

BY_NAME = {t.name: t for t in TABLES}


def create_statements():
    """CREATE TABLE statements for every table, in contract order."""
    for table in TABLES:
        cols = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
        yield f'CREATE TABLE IF NOT EXISTS "{table.name}" ({cols})'


def column_names(table_name):
    return [c.name for c in BY_NAME[table_name].columns]
