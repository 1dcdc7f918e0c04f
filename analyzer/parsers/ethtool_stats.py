"""`ethtool -S IFACE`: the driver's own counters of an interface (drops per queue, CRC
errors, missed packets), into net_counters with file 'ethtool'.

Sample input (commands/ethtool_-S_eth0)::

    NIC statistics:
         rx_packets: 91823301
         rx_crc_errors: 12
         rx_missed_errors: 4031
         tx_queue_0_drops: 0

Example: net_counters rows ('ethtool', 'eth0', 'rx_packets', 91823301), ('ethtool', 'eth0',
'rx_crc_errors', 12), ('ethtool', 'eth0', 'rx_missed_errors', 4031), ('ethtool', 'eth0',
'tx_queue_0_drops', 0): the interface is the member name's, after ethtool_-S_. Drivers name
their counters as they like; 'no stats available' gives no row.
"""
from sosql.parsers._counters import NUMBER, net_table
from sosql.parsers._table import member_suffix

KIND = "table"
TABLE = "net_counters"


def parse_member(text, member):
    iface = member_suffix(member, "ethtool_-S_") or ""
    rows = []
    for line in text.splitlines():
        name, sep, value = line.strip().rpartition(":")
        value = value.strip()
        if sep and name and not line.startswith("NIC statistics") and NUMBER.match(value) and len(value) < 20:
            rows.append((iface, name.strip(), int(value)))
    return net_table("ethtool", rows)
