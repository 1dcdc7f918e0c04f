"""`df -al` (space) and `df -ali` (inodes): each filesystem's size, use and what is left.

Sample input::

    Filesystem     1K-blocks    Used Available Use% Mounted on
    proc                   0       0         0    - /proc
    /dev/vda1       40470732 3590360  36863988   9% /
    /dev/mapper/centos-var_lib_docker
                   104806400 94325760 10480640  91% /var/lib/docker
    Filesystem      Inodes  IUsed   IFree IUse% Mounted on
    /dev/vda1      5160960 183552 4977408    4% /

Example: rows (filesystem, mountpoint, unit, size, used, available, used_pct):
('proc', '/proc', 'bytes', 0, 0, 0, NULL), ('/dev/vda1', '/', 'bytes', 41442029568,
3676528640, 37748723712, 9), ('/dev/mapper/centos-var_lib_docker', '/var/lib/docker', 'bytes',
..., 91) and ('/dev/vda1', '/', 'inodes', 5160960, 183552, 4977408, 4). Sizes in blocks
become bytes (1K-blocks, 1024-blocks of -P, 1M-blocks); a name too long for its column
makes df wrap the rest onto the next line, which is joined back.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "filesystems"

BLOCKS = re.compile(r"^(\d+)([KMG]?)-blocks$")
SCALE = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse(text):
    rows, unit, scale, pending = [], None, 1, ""
    for line in text.splitlines():
        fields = line.split()
        if fields[:1] == ["Filesystem"] and len(fields) > 1:
            unit, scale = _unit(fields[1])
        elif unit and len(fields) == 1 and not pending:
            pending = fields[0]            # the name alone: df wrapped the numbers onto the next line
        elif unit and fields:
            row = _row((pending + " " + line).strip() if pending else line, unit, scale)
            pending = ""
            if row:
                rows.append(row)
    return schema.arrow_table(TABLE, rows)


def _unit(header):
    if header == "Inodes":
        return "inodes", 1
    blocks = BLOCKS.match(header)
    return ("bytes", int(blocks.group(1)) * SCALE[blocks.group(2)]) if blocks else (None, 1)


def _row(line, unit, scale):
    fields = line.split(None, 5)
    if len(fields) < 6:
        return None
    name, size, used, available, pct, mountpoint = fields
    numbers = [int(v) * scale if v.isdigit() else None for v in (size, used, available)]
    return {"filesystem": name, "mountpoint": mountpoint, "unit": unit, "size": numbers[0], "used": numbers[1],
            "available": numbers[2], "used_pct": float(pct[:-1]) if pct[:-1].isdigit() else None}
