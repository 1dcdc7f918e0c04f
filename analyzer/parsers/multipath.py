"""`multipath -ll`: each multipath map and the state of each of its paths.

Sample input::

    mpatha (360014380056efd2c0000d00000410000) dm-2 HP,HSV450
    size=100G features='1 queue_if_no_path' hwhandler='0' wp=rw
    |-+- policy='service-time 0' prio=50 status=active
    | `- 3:0:0:1 sdb 8:16 active ready running
    `-+- policy='service-time 0' prio=10 status=enabled
      `- 4:0:0:1 sdc 8:32 failed faulty offline

Example: rows (map, wwid, dm, vendor_product, size_bytes, group_status, hctl, device,
maj_min, dm_state, path_state, online): ('mpatha', '360014380056efd2c0000d00000410000',
'dm-2', 'HP,HSV450', 107374182400, 'active', '3:0:0:1', 'sdb', '8:16', 'active', 'ready',
'running') and (..., 'enabled', '4:0:0:1', 'sdc', '8:32', 'failed', 'faulty', 'offline').
A map named by its WWID alone has map = wwid. The old bracketed form (`[active][ready]`,
`\\_ round-robin 0 [prio=1][active]`) reads the same. 'Command not found' or no map: no row.
"""
import re

from sosql.parsers._table import size_bytes
from sosql.store import schema

KIND = "table"
TABLE = "multipath"

MAP = re.compile(r"^(\S+)\s+(?:\((\S+)\)\s+)?(dm-\d+)\s*(\S*)")
SIZE = re.compile(r"size=(\S+?)\]?(?:\s|\[|$)")
GROUP = re.compile(r"(?:status=|\]\[)(active|enabled|disabled|undef)\]?\s*$")
PATH = re.compile(r"(\d+:\d+:\d+:\d+)\s+(\S+)\s+(\d+:\d+)\s+(.*)$")


def parse(text):
    rows, current, group = [], None, None
    for line in text.splitlines():
        path = PATH.search(line)
        if path and current:
            states = path.group(4).replace("][", " ").strip("[] ").split()
            rows.append(dict(current, group_status=group, hctl=path.group(1), device=path.group(2),
                             maj_min=path.group(3), dm_state=_at(states, 0), path_state=_at(states, 1),
                             online=_at(states, 2)))
        elif MAP.match(line):
            name, wwid, dm, product = MAP.match(line).groups()
            current, group = {"map": name, "wwid": wwid or name, "dm": dm, "vendor_product": product or None}, None
        elif current and SIZE.search(line) and line.lstrip().startswith(("size=", "[size=")):
            current["size_bytes"] = size_bytes(SIZE.search(line).group(1))
        elif current and GROUP.search(line) and ("policy=" in line or "prio=" in line):
            group = GROUP.search(line).group(1)
    return schema.arrow_table(TABLE, rows)


def _at(items, index):
    return items[index] if len(items) > index else None
