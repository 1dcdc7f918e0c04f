"""`sysctl -a` output.

Sample input::

    net.bridge.bridge-nf-call-iptables = 0
    net.ipv4.ip_forward = 1
    kernel.printk = 4	4	1	7
    sysctl: permission denied on key 'fs.protected_hardlinks'

Example: rows (net.bridge.bridge-nf-call-iptables, '0'), (net.ipv4.ip_forward, '1'),
(kernel.printk, '4 4 1 7'); error lines are skipped.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "sysctls"

LINE = re.compile(r"^([A-Za-z0-9_][\w.\-/*:]*)\s*=\s?(.*)$")


def parse(text):
    names, values = [], []
    for line in text.splitlines():
        match = LINE.match(line.strip())
        if match:
            names.append(match.group(1))
            values.append(" ".join(match.group(2).split()))
    return pa.table({"name": pa.array(names, pa.string()), "value": pa.array(values, pa.string())})
