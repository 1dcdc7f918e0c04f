"""bcache settings from sysfs: one file, one setting.

Sample input (sys/block/bcache0/bcache/cache_mode, or sys/fs/bcache/<set>/bdev0/cache_mode, then
sys/fs/bcache/2a4e1f6e-8d67-4a1c-9d5e-3b7c41e0f0a1/congested_read_threshold_us)::

    writethrough [writeback] writearound none
    2000

Example: rows (device 'bcache0', name 'cache_mode', value 'writeback': the choice in
brackets is the current one) and (device '2a4e1f6e-...', the cache set, name
'congested_read_threshold_us', value '2000').
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "bcache_settings"

# sys/block/<bcacheN>/bcache/<name> (a backing device), sys/fs/bcache/<set uuid>/bdevN/<name> (the
# same device seen from its cache set: named '<set uuid>/bdevN'), sys/fs/bcache/<set uuid>/<name> (a cache set)
WHERE = re.compile(r"(?:block/([^/]+)/bcache|fs/bcache/([^/]+/bdev[^/]*|[^/]+))/([^/]+)$")


def parse_member(text, member):
    where = WHERE.search(member)
    value = text.strip()
    current = re.search(r"\[([^\]]+)\]", value)
    rows = [] if not where or not value else [
        (where.group(1) or where.group(2), where.group(3), current.group(1) if current else value.splitlines()[0])]
    return pa.table({"path": pa.array([member] * len(rows), pa.string()),
                     "device": pa.array([r[0] for r in rows], pa.string()),
                     "name": pa.array([r[1] for r in rows], pa.string()),
                     "value": pa.array([r[2] for r in rows], pa.string())})
