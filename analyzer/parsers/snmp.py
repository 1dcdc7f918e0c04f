"""/proc/net/snmp: the IP, ICMP, TCP and UDP MIB counters since boot.

Sample input::

    Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens
    Tcp: 1 200 120000 -1 8812
    Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors
    Udp: 2000000 310 48000 1990000 47990 0 10

Example: net_counters rows (file, section, name, value): ('snmp', 'Tcp', 'MaxConn', -1), ...,
('snmp', 'Udp', 'InDatagrams', 2000000), ('snmp', 'Udp', 'InErrors', 48000), ('snmp', 'Udp',
'RcvbufErrors', 47990), ...: the same name/value line pairs as /proc/net/netstat.
"""
from sosql.parsers._counters import header_value_pairs

KIND = "table"
TABLE = "net_counters"


def parse(text):
    return header_value_pairs("snmp", text)
