"""/proc/buddyinfo: free blocks of each order (2^order pages) per NUMA node and memory zone.

Sample input::

    Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3
    Node 0, zone    DMA32   1127    453    112     65     27      7     13      6      5     30     48
    Node 0, zone   Normal  31245   9610    118      3      0      0      0      0      0      0      0

Example: rows (node, zone, block_order, free_blocks): (0, 'DMA', 0, 1), ..., (0, 'Normal', 3, 3),
(0, 'Normal', 4, 0), ... up to order 10: one row per order, so that "no free block of order 4
or more" is a sum.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "buddyinfo"

LINE = re.compile(r"^Node\s+(\d{1,6}),\s*zone\s+(\S+)((?:\s+\d{1,18})+)$")     # bounded: the numbers fit


def parse(text):
    rows = []
    for line in text.splitlines():
        match = LINE.match(line.strip())
        if match:
            node, zone = int(match.group(1)), match.group(2)
            rows += [(node, zone, order, int(free)) for order, free in enumerate(match.group(3).split())]
    nodes, zones, orders, free = (list(c) for c in zip(*rows)) if rows else ([], [], [], [])
    return pa.table({"node": pa.array(nodes, pa.int32()), "zone": pa.array(zones, pa.string()),
                     "block_order": pa.array(orders, pa.int32()), "free_blocks": pa.array(free, pa.int64())})
