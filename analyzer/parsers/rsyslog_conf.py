"""rsyslog's configuration (/etc/rsyslog.conf, /etc/rsyslog.d/*.conf): the files it reads and writes.

Sample input::

    *.*;auth,authpriv.none          -/var/log/syslog
    kern.*                          /var/log/kern.log
    module(load="imfile")
    input(type="imfile"
          File="/var/log/syslog" Tag="syslog-copy:")
    $InputFileName /var/log/kern.log

Example: rows (path, line_no, direction, file): (.., 1, 'writes', '/var/log/syslog'),
(.., 2, 'writes', '/var/log/kern.log'), (.., 4, 'reads', '/var/log/syslog') and
(.., 6, 'reads', '/var/log/kern.log'): imfile inputs (RainerScript statements, over
several lines or one, and the legacy $InputFileName) and file actions ('-' only turns
off syncing). A statement's line is the one it starts on.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "rsyslog_files"

# RainerScript statements may span lines: input(type="imfile"\n File="/var/log/syslog" ...)
STATEMENT = re.compile(r"\b(input|action)\s*\(([^)]*)\)", re.I | re.S)
PARAMETER = re.compile(r'\b(\w+)\s*=\s*"([^"]*)"')
LEGACY_READ = re.compile(r"^\$InputFileName\s+(\S+)", re.I)
SELECTOR_WRITE = re.compile(r"^[^\s#$(&][^\s]*\s+-?(/\S+)\s*$")    # kern.*  -/var/log/kern.log


def parse_member(text, member):
    lines = [("" if line.lstrip().startswith("#") else line) for line in text.splitlines()]
    rows = [row for line_no, line in enumerate(lines, 1) for row in _legacy(line_no, line.strip())]
    body = "\n".join(lines)
    for found in STATEMENT.finditer(body):
        parameters = {k.lower(): v for k, v in PARAMETER.findall(found.group(2))}
        kind, file = parameters.get("type", "").lower(), parameters.get("file")
        if file and (kind, found.group(1).lower()) in (("imfile", "input"), ("omfile", "action")):
            rows.append((body.count("\n", 0, found.start()) + 1, "reads" if kind == "imfile" else "writes", file))
    rows.sort()
    return pa.table({"path": pa.array([member] * len(rows), pa.string()),
                     "line_no": pa.array([r[0] for r in rows], pa.int64()),
                     "direction": pa.array([r[1] for r in rows], pa.string()),
                     "file": pa.array([r[2] for r in rows], pa.string())})


def _legacy(line_no, line):
    """The one-line forms: $InputFileName (imfile) and selector actions writing a file."""
    for direction, regex in (("reads", LEGACY_READ), ("writes", SELECTOR_WRITE)):
        found = regex.search(line)
        if found:
            yield line_no, direction, found.group(1)
