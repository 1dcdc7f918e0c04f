"""`lsblk`: block devices, as the tree sos and insights print, or as KEY="value" pairs (-P).

Sample input (tree)::

    NAME            MAJ:MIN RM  SIZE RO TYPE MOUNTPOINT
    sda               8:0    0   40G  0 disk
    |-sda1            8:1    0    1G  0 part /boot
    `-sda2            8:2    0   39G  0 part
      |-centos-root 253:0    0   35G  0 lvm  /
      `-centos-swap 253:1    0    4G  0 lvm  [SWAP]

Sample input (pairs: lsblk -P, -O -P, -b -P -o ...)::

    NAME="sda" KNAME="sda" MAJ:MIN="8:0" FSTYPE="" MOUNTPOINT="" RO="0" RM="0" ROTA="1" SIZE="40G" TYPE="disk" PKNAME=""

Example: rows (name, kname, parent, maj_min, type, size_bytes, ro, rm, rota, fstype,
mountpoint, model): ('sda', 'sda', NULL, '8:0', 'disk', 42949672960, false, false, NULL,
NULL, NULL, NULL), ('sda1', ..., parent 'sda', 'part', 1073741824, ..., mountpoint '/boot'),
('centos-root', ..., parent 'sda2', 'lvm', ..., '/'). The tree's drawing (├─ └─ |- `-)
gives the parent; the pairs give PKNAME where lsblk had it. Sizes are lsblk's (powers of 1024;
exact with -b); an empty value is NULL.
"""
import re

from sosql.parsers._table import flag, size_bytes
from sosql.store import schema

KIND = "table"
TABLE = "block_devices"

PAIR = re.compile(r'([A-Z][A-Z0-9:%_-]*)="([^"]*)"')
TREE = re.compile(r"^[\s|`├└│─-]*")
DEFAULT = ["MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINT"]


def parse(text):
    lines = text.splitlines()
    pairs = [dict(PAIR.findall(line)) for line in lines if line.startswith('NAME="')]
    rows = [_row(p) for p in pairs] if pairs else _tree(lines)
    return schema.arrow_table(TABLE, [r for r in rows if r.get("name")])


def _row(values, parent=None):
    get = {k: (v if v != "" else None) for k, v in values.items()}.get
    return {"name": get("NAME"), "kname": get("KNAME") or get("NAME"), "parent": get("PKNAME") or parent,
            "maj_min": get("MAJ:MIN"), "type": get("TYPE"), "size_bytes": size_bytes(get("SIZE")),
            "ro": flag(get("RO")), "rm": flag(get("RM")), "rota": flag(get("ROTA")), "fstype": get("FSTYPE"),
            "mountpoint": get("MOUNTPOINT") or get("MOUNTPOINTS"), "model": get("MODEL")}


def _tree(lines):
    """The default listing: only its last column (MOUNTPOINT) may be empty, so the fields split."""
    header = lines[0].split() if lines else []
    if header[:1] != ["NAME"] or header[1:] != DEFAULT[:len(header) - 1] or len(header) < 6:
        return []
    rows, stack = [], []          # stack: (depth, name) of the devices above the current line
    for line in lines[1:]:
        depth = TREE.match(line).end()
        fields = line[depth:].split(None, len(header) - 1)
        if len(fields) < len(header) - 1:
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        values = dict(zip(header, fields))
        rows.append(_row(values, stack[-1][1] if stack else None))
        stack.append((depth, fields[0]))
    return rows
