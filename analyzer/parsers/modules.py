"""Loaded kernel modules: `lsmod` or /proc/modules.

Sample input (lsmod)::

    Module                  Size  Used by
    br_netfilter           24576  0
    bridge                176128  1 br_netfilter
    overlay                 91659  12

Sample input (/proc/modules)::

    br_netfilter 24576 0 - Live 0xffffffffc0a3c000
    bridge 176128 1 br_netfilter, Live 0xffffffffc09f0000
    nvidia 35000000 20 - Live 0xffffffffc1000000 (POE)

Example: bridge has size 176128, used_by_count 1, used_by 'br_netfilter'; from
/proc/modules also state 'Live' and nvidia's taint 'POE'.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "modules"

LINE = re.compile(r"^(\S+)\s+(\d+)\s+(-?\d+)\s*(\S*)\s*(Live|Loading|Unloading)?\s*(?:0x[0-9a-f]+)?\s*(?:\((\w+)\))?")


def parse(text):
    rows = []
    for line in text.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        name, size, count, used, state, taint = match.groups()
        used = used.strip(",") if used not in ("-", "") else None
        rows.append({"name": name, "size": int(size), "used_by_count": int(count),
                     "used_by": used, "state": state, "taint": taint})
    return schema.arrow_table(TABLE, rows)
