"""rsyslog's configuration (/etc/rsyslog.conf, /etc/rsyslog.d/*.conf): the files it reads and writes.

Sample input::

    *.*;auth,authpriv.none          -/var/log/syslog
    kern.*                          /var/log/kern.log
    module(load="imfile")
    input(type="imfile" File="/var/log/syslog" Tag="syslog-copy:")
    $InputFileName /var/log/kern.log

Example: rows (path, line_no, direction, file): (.., 1, 'writes', '/var/log/syslog'),
(.., 2, 'writes', '/var/log/kern.log'), (.., 4, 'reads', '/var/log/syslog') and
(.., 5, 'reads', '/var/log/kern.log'): imfile inputs (RainerScript and the legacy
$InputFileName) and file actions ('-' only turns off syncing).
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "rsyslog_files"

READS = re.compile(r"""(?:\btype\s*=\s*"imfile".*?\bFile\s*=\s*"([^"]+)"|^\$InputFileName\s+(\S+))""", re.I)
WRITES = re.compile(r"""^[^\s#$(][^\s]*\s+-?(/\S+)\s*$|\baction\s*\(.*?\btype\s*=\s*"omfile".*?\bfile\s*=\s*"([^"]+)\"""",
                    re.I)


def parse_member(text, member):
    rows = []
    for line_no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line.startswith("#"):
            continue
        for direction, regex in (("reads", READS), ("writes", WRITES)):
            found = regex.search(line)
            if found:
                rows.append((line_no, direction, next(g for g in found.groups() if g)))
    return pa.table({"path": pa.array([member] * len(rows), pa.string()),
                     "line_no": pa.array([r[0] for r in rows], pa.int64()),
                     "direction": pa.array([r[1] for r in rows], pa.string()),
                     "file": pa.array([r[2] for r in rows], pa.string())})
