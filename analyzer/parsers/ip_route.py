"""`ip route show table all` (and `ip -6 route ...`, plain `ip route`): the routing tables.

Sample input::

    default via 10.6.0.1 dev ens3 proto dhcp src 10.6.3.201 metric 100
    10.1.7.0/24 via 10.1.7.0 dev flannel.1 onlink
    default proto static metric 1024
        nexthop via 10.0.0.1 dev eth0 weight 1
        nexthop via 10.0.1.1 dev eth1 weight 1
    local 10.6.3.201 dev ens3 table local proto kernel scope host src 10.6.3.201
    fe80::/64 dev ens3 proto kernel metric 256 pref medium

Example: rows (family, route_table, type, destination, gateway, dev, protocol, scope, src,
metric): ('inet', 'main', 'unicast', 'default', '10.6.0.1', 'ens3', 'dhcp', NULL, '10.6.3.201',
100), ('inet', 'main', 'unicast', '10.1.7.0/24', '10.1.7.0', 'flannel.1', ...), the multipath
default with its first next hop's gateway and device (10.0.0.1, eth0), ('inet', 'local',
'local', '10.6.3.201', NULL, 'ens3', 'kernel', 'host', ...) and ('inet6', 'main', 'unicast',
'fe80::/64', ...). Without `table`, a route is in main; the family comes from the addresses.
"""

from sosql.store import schema

KIND = "table"
TABLE = "routes"

TYPES = ("unicast", "local", "broadcast", "multicast", "unreachable", "prohibit", "blackhole", "throw", "nat",
         "anycast")
KEYS = {"via": "gateway", "dev": "dev", "table": "route_table", "proto": "protocol", "scope": "scope",
        "src": "src", "metric": "metric"}


def parse(text):
    rows = []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        if line[0].isspace() and words[0] == "nexthop" and rows:
            _first_hop(rows[-1], _pairs(words[1:]))
        elif not line[0].isspace():
            rows.append(_route(words, line.strip()))
    return schema.arrow_table(TABLE, rows)


def _route(words, line):
    kind = words.pop(0) if words[0] in TYPES and len(words) > 1 else "unicast"
    row = {"type": kind, "destination": words[0], "route": line, "route_table": "main"}
    row.update(_pairs(words[1:]))
    row["metric"] = int(row["metric"]) if str(row.get("metric", "")).isdigit() else None
    addresses = " ".join(str(row.get(k) or "") for k in ("destination", "gateway", "src"))
    row["family"] = "inet6" if ":" in addresses else "inet"
    return row


def _pairs(words):
    """The keyword-value pairs of a route; flags that take no value (onlink, linkdown) are skipped."""
    return {KEYS[word]: value for word, value in zip(words, words[1:]) if word in KEYS}


def _first_hop(row, hop):
    """A multipath route's gateway and device are its first next hop's."""
    for key in ("gateway", "dev"):
        if row.get(key) is None:
            row[key] = hop.get(key)
    row["family"] = "inet6" if ":" in (row.get("gateway") or "") else row["family"]
