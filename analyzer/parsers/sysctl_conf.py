"""Kernel parameters as configured: /etc/sysctl.conf and the sysctl.d folders.

Sample input (etc/sysctl.d/50-ceph-osd-charm.conf)::

    # set by the charm
    kernel.pid_max=2097152
    net/ipv4/ip_forward = 1
    -net.bridge.bridge-nf-call-iptables = 1
    kernel.printk = 4	4	1	7
    kernel.threads-max=2097152 # a comment

Example: rows (path, line_no, name, value): (..., 2, 'kernel.pid_max', '2097152'),
(..., 3, 'net.ipv4.ip_forward', '1'), (..., 4, 'net.bridge.bridge-nf-call-iptables', '1')
(the leading '-' only says errors are ignored), (..., 5, 'kernel.printk', '4 4 1 7')
and (..., 6, 'kernel.threads-max', '2097152'): whitespace is collapsed as in
`sysctl -a` (parsers/sysctl.py), `/` becomes `.`, and a comment after the value is
dropped. Which file wins is the rule's business: systemd-sysctl reads the files of
all sysctl.d folders in file name order, /etc overriding the same name elsewhere,
and a later line overriding an earlier one.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "sysctl_config"

LINE = re.compile(r"^-?([A-Za-z0-9_][\w.\-/*:]*)\s*=\s*(.*?)\s*(?:\s#.*)?$")


def parse_member(text, member):
    rows = []
    for line_no, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        match = LINE.match(line) if line and line[0] not in "#;" else None
        if match:
            rows.append((line_no, match.group(1).replace("/", "."), " ".join(match.group(2).split())))
    return pa.table({"path": pa.array([member] * len(rows), pa.string()),
                     "line_no": pa.array([r[0] for r in rows], pa.int64()),
                     "name": pa.array([r[1] for r in rows], pa.string()),
                     "value": pa.array([r[2] for r in rows], pa.string())})
