"""/proc/net/dev: each interface's packet, error and drop counters since it came up.

Sample input::

    Inter-|   Receive                                                |  Transmit
     face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
      eth0: 91823301 120034    0   17    0     0          0       210  4412391   50211   3    0    0     0       0          0

Example: net_counters rows ('dev', 'eth0', 'rx_bytes', 91823301), ('dev', 'eth0', 'rx_packets',
120034), ..., ('dev', 'eth0', 'rx_drop', 17), ..., ('dev', 'eth0', 'tx_errs', 3): the names are
the header's, rx_ or tx_ by the half they are in.
"""
from sosql.parsers._counters import NUMBER, net_table

KIND = "table"
TABLE = "net_counters"


def parse(text):
    names, rows = None, []
    for line in text.splitlines():
        halves = line.split("|")[1:3]
        if len(halves) == 2 and "bytes" in line:      # the header: names of the receive | transmit counters
            receive, transmit = halves
            names = ["rx_" + n for n in receive.split()] + ["tx_" + n for n in transmit.split()]
        elif names and ":" in line:
            iface, _, counters = line.partition(":")
            values = counters.split()
            if len(values) == len(names):
                rows += [(iface.strip(), n, int(v)) for n, v in zip(names, values) if NUMBER.match(v)]
    return net_table("dev", rows)
