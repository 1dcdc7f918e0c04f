"""/proc/net/sockstat: sockets in use and the memory (in pages) TCP and UDP buffers hold.

Sample input::

    sockets: used 1786
    TCP: inuse 212 orphan 0 tw 31 alloc 240 mem 190000
    UDP: inuse 9 mem 12
    FRAG: inuse 0 memory 0

Example: net_counters rows (file, section, name, value): ('sockstat', 'sockets', 'used', 1786),
('sockstat', 'TCP', 'inuse', 212), ..., ('sockstat', 'TCP', 'mem', 190000), ('sockstat', 'UDP',
'mem', 12), ...: `mem` is in pages, as net.ipv4.tcp_mem and udp_mem count.
"""
from sosql.parsers._counters import NUMBER, net_table

KIND = "table"
TABLE = "net_counters"


def parse(text):
    rows = []
    for line in text.splitlines():
        section, _, rest = line.partition(":")
        fields = rest.split()
        rows += [(section.strip(), name, int(value)) for name, value in zip(fields[::2], fields[1::2])
                 if NUMBER.match(value)]
    return net_table("sockstat", rows)
