"""`sysctl -a` output.

Sample input::

    net.bridge.bridge-nf-call-iptables = 0
    net.ipv4.ip_forward = 1
    kernel.printk = 4	4	1	7
    sysctl: permission denied on key 'fs.protected_hardlinks'
    dev.cdrom.info = CD-ROM information, Id: cdrom.c 3.20 2003/12/17
    dev.cdrom.info =
    dev.cdrom.info = drive name:
    	sr0

Example: rows (net.bridge.bridge-nf-call-iptables, '0'), (net.ipv4.ip_forward, '1'),
(kernel.printk, '4 4 1 7'); error lines are skipped. A multi-line value (dev.cdrom.info)
is one row: newer sysctl repeats the key on each of its lines, older sysctl prints the
lines after the first bare; either way the lines are joined with newlines, so
'CD-ROM information, Id: cdrom.c 3.20 2003/12/17\\n\\ndrive name:\\nsr0'.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "sysctls"

LINE = re.compile(r"^([A-Za-z0-9_][\w.\-/*:]*)\s*=\s?(.*)$")


def parse(text):
    values, last = {}, None          # name -> lines of its value, in first-seen order
    for line in text.splitlines():
        match = LINE.match(line.strip())
        if line.startswith("sysctl:"):              # an error message ends any value
            last = None
        elif match:
            last = match.group(1)
            values.setdefault(last, []).append(" ".join(match.group(2).split()))
        elif last and line.strip():                 # a bare continuation line
            values[last].append(" ".join(line.split()))
    return pa.table({"name": pa.array(list(values), pa.string()),
                     "value": pa.array(["\n".join(v) for v in values.values()], pa.string())})
