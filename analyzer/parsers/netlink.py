"""/proc/net/netlink: open netlink sockets, with the messages each dropped (receive buffer full).

Sample input::

    sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
    ffff8f0e3a6c8000 0   1          00000550 0        0        0     2        0        18779
    ffff8f0e3b1d4800 0   2714       00000111 0        0        0     2        4096     42107

Example: rows (protocol, pid, rmem, wmem, drops, inode): (0, 1, 0, 0, 0, 18779) and
(0, 2714, 0, 0, 4096, 42107). Pid is the socket's port id: the owning process's pid for its
first socket (0 for the kernel's). Eth is the netlink protocol (0 route, 9 audit, 15 uevent).
Columns are found by the header: old kernels print no Inode (NULL then).
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "netlink_sockets"

COLUMNS = {"protocol": "Eth", "pid": "Pid", "rmem": "Rmem", "wmem": "Wmem", "drops": "Drops", "inode": "Inode"}
NUMBER = re.compile(r"^-?\d{1,18}$")     # fits a BIGINT


def parse(text):
    rows, header = [], None
    for line in text.splitlines():
        fields = line.split()
        if "Drops" in fields and "Pid" in fields:
            header = {name: i for i, name in enumerate(fields)}
        elif header and len(fields) >= len(header) and NUMBER.match(fields[header["Drops"]]):
            rows.append({column: _number(fields, header.get(name)) for column, name in COLUMNS.items()})
    return pa.table({column: pa.array([r[column] for r in rows], pa.int64()) for column in COLUMNS})


def _number(fields, index):
    """The integer in that column, NULL when the kernel prints no such column or not a number."""
    value = fields[index] if index is not None else ""
    return int(value) if NUMBER.match(value) else None
