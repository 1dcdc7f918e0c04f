"""/proc/net/softnet_stat: per-CPU receive softirq counters since boot, in hexadecimal, no header.

Sample input::

    0003c5e1 00000000 00000002 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
    01a2b3c4 000004d2 00002710 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000

Example: net_counters rows (file, section, name, value): ('softnet_stat', 'cpu0', 'processed',
247265), ('softnet_stat', 'cpu0', 'dropped', 0), ('softnet_stat', 'cpu0', 'time_squeeze', 2), ...,
('softnet_stat', 'cpu1', 'dropped', 1234), ('softnet_stat', 'cpu1', 'time_squeeze', 10000).
Columns: 1 processed, 2 dropped (backlog full: net.core.netdev_max_backlog), 3 time_squeeze
(budget or time ran out with work left), 10 received_rps, 11 flow_limit_count. Newer kernels
print the CPU number as column 13; with older ones the row number stands for it (offline CPUs
have no row, so it may be off).
"""
import re

from sosql.parsers._counters import net_table

KIND = "table"
TABLE = "net_counters"

COLUMNS = {0: "processed", 1: "dropped", 2: "time_squeeze", 9: "received_rps", 10: "flow_limit_count"}
HEX = re.compile(r"^[0-9a-fA-F]{1,16}$")


def parse(text):
    rows, lines = [], [line.split() for line in text.splitlines()]
    for row, fields in enumerate(f for f in lines if f and all(HEX.match(x) for x in f)):
        cpu = int(fields[12], 16) if len(fields) >= 13 else row
        rows += [(f"cpu{cpu}", name, int(fields[i], 16)) for i, name in COLUMNS.items() if i < len(fields)]
    return net_table("softnet_stat", rows)
