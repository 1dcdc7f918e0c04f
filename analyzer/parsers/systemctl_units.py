"""`systemctl list-units` (--all, --failed, --no-legend): the units systemd knows and their state.

Sample input::

      UNIT                     LOAD      ACTIVE   SUB     DESCRIPTION
      chronyd.service          loaded    active   running NTP client/server
    ● kubelet.service          loaded    failed   failed  kubelet: The Kubernetes Node Agent
      nfs-server.service       not-found inactive dead    nfs-server.service

    LOAD   = Reflects whether the unit definition was properly loaded.
    3 loaded units listed.

Example: rows (unit, load, active, sub, description): ('chronyd.service', 'loaded',
'active', 'running', 'NTP client/server'), ('kubelet.service', 'loaded', 'failed', 'failed',
'kubelet: The Kubernetes Node Agent'), ('nfs-server.service', 'not-found', 'inactive', 'dead',
'nfs-server.service'). The mark systemd puts before a failed unit (● or * without UTF-8) is
dropped; the legend after the first blank line is not a unit.
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "units"

UNIT = re.compile(r"^[\s●*]*(\S+\.(?:service|socket|target|mount|automount|swap|timer|path|slice|scope|device))"
                  r"\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*?)\s*$")
COLUMNS = ("unit", "load", "active", "sub", "description")


def parse(text):
    rows = []
    for line in text.splitlines():
        if not line.strip() and rows:
            break                    # the legend follows the units
        match = UNIT.match(line)
        if match:
            rows.append(match.groups())
    return pa.table({name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(COLUMNS)})
