"""/proc/mounts, or the `mount` / `mount -l` command's text: what is mounted where, and how.

Sample input::

    /dev/vda1 / ext4 rw,relatime 0 0
    overlay /var/lib/docker/overlay2/1f2e/merged overlay rw,lowerdir=/var/lib/docker/l/AB 0 0
    /dev/vda1 on / type ext4 (rw,relatime) [cloudimg-rootfs]
    tmpfs on /run/user/1000 type tmpfs (rw,nosuid,nodev,relatime,size=402600k)

Example: rows (device, mountpoint, fstype, options): ('/dev/vda1', '/', 'ext4', 'rw,relatime')
from either form (mount -l's label in brackets is dropped), ('overlay',
'/var/lib/docker/overlay2/1f2e/merged', 'overlay', 'rw,lowerdir=...'), ('tmpfs',
'/run/user/1000', 'tmpfs', ...). /proc/mounts writes a space in a path as \\040: decoded.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "mounts"

COMMAND = re.compile(r"^(\S+) on (.+?) type (\S+) \(([^)]*)\)")
COLUMNS = ("device", "mountpoint", "fstype", "options")


def parse(text):
    rows = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        fields = line.split()
        if match:
            rows.append(match.groups())
        elif len(fields) >= 4 and fields[1].startswith("/"):
            rows.append(tuple(_unescape(f) for f in fields[:4]))
    return pa.table({name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(COLUMNS)})


def _unescape(field):
    """The kernel's octal escapes of /proc/mounts: \\040 space, \\011 tab, \\012 newline, \\134 backslash."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
