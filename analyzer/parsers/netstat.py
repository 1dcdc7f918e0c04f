"""/proc/net/netstat: extended IP and TCP counters since boot (TcpExt, IpExt, MPTcpExt).

Sample input::

    TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops IPReversePathFilter
    TcpExt: 0 0 12 12 48213
    IpExt: InNoRoutes InTruncatedPkts InMcastPkts
    IpExt: 0 0 3120

Example: net_counters rows (file, section, name, value): ('netstat', 'TcpExt',
'SyncookiesSent', 0), ..., ('netstat', 'TcpExt', 'IPReversePathFilter', 48213),
('netstat', 'IpExt', 'InNoRoutes', 0), ...: each line of names pairs with the next line of values.
"""
from sosql.parsers._counters import header_value_pairs

KIND = "table"
TABLE = "net_counters"


def parse(text):
    return header_value_pairs("netstat", text)
