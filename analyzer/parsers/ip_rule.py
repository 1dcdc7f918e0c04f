"""`ip rule` (ip -4 rule list, ip -6 rule list): the policy routing rules, also per network
namespace in sos (`ip netns exec NS ip rule list`).

Sample input::

    0:	from all lookup local
    100:	from 10.10.0.0/24 iif eth1 lookup 100
    1000:	not from all fwmark 0x1/0x1 lookup 200
    32000:	from all to 192.168.50.0/24 unreachable
    32766:	from all lookup main
    32767:	from all lookup default

Example: rows (namespace, family, priority, src, dst, iif, oif, fwmark, lookup, action, rule):
(NULL, 'inet', 0, 'all', NULL, NULL, NULL, NULL, 'local', 'lookup', 'from all lookup local'),
(NULL, 'inet', 100, '10.10.0.0/24', NULL, 'eth1', NULL, NULL, '100', 'lookup', ...),
(NULL, 'inet', 1000, 'all', ..., '0x1/0x1', '200', 'lookup', 'not from all fwmark ...'),
(NULL, 'inet', 32000, 'all', '192.168.50.0/24', ..., NULL, 'unreachable', ...). The family is
inet6 for an `-6` file; the namespace comes from sos's `ip_netns_exec_NS_...` name.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "ip_rules"

LINE = re.compile(r"^(\d{1,10}):\s+(.*\S)\s*$")
KEYS = {"from": "src", "to": "dst", "iif": "iif", "oif": "oif", "fwmark": "fwmark", "lookup": "lookup",
        "table": "lookup"}
ACTIONS = ("lookup", "goto", "nop", "blackhole", "unreachable", "prohibit")
NAMESPACE = re.compile(r"ip_netns_exec_(.+?)_ip_")


def parse_member(text, member):
    base = (member or "").rsplit("/", 1)[-1]
    namespace = NAMESPACE.search(base)
    family = "inet6" if "_-6_" in base or base.endswith("_-6") else "inet"
    rows = []
    for match in filter(None, map(LINE.match, text.splitlines())):
        words = match.group(2).split()
        row = {"namespace": namespace.group(1) if namespace else None, "family": family,
               "priority": int(match.group(1)), "rule": match.group(2)}
        for key, value in zip(words, words[1:] + [None]):
            if key in KEYS and value is not None and KEYS[key] not in row:
                row[KEYS[key]] = value
        row["action"] = next((w for w in words if w in ACTIONS), "lookup" if "lookup" in row else None)
        if row["action"] == "table":
            row["action"] = "lookup"
        rows.append(row)
    return schema.arrow_table(TABLE, rows)
