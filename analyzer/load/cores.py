"""How many cores this process may use: the default number of loading workers (--jobs).

os.cpu_count() counts the machine's cores. In a container the process may be pinned to
fewer (a cpuset: os.sched_getaffinity) or held to a CPU quota (a Kubernetes CPU limit: the
cgroup's cpu.max, or cpu.cfs_quota_us under cgroup v1). More workers than that only wait
for their turn, each holding its own memory.

    >>> usable_cores() >= 1
    True
"""
import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")      # the container's own cgroup, as a container sees it


def usable_cores(cgroup=CGROUP):
    """The cores this process may run on, at most its cgroup's CPU quota (rounded up)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cpu_quota(cgroup)
    return max(1, min(cores, math.ceil(quota)) if quota else cores)


def cpu_quota(cgroup=CGROUP):
    """The cores' worth of CPU time the cgroup allows (1.5 for "150000 100000"), or None."""
    v2 = _read(cgroup / "cpu.max")             # "<quota> <period>", or "max <period>"
    if v2:
        quota, _, period = v2.partition(" ")
        return _ratio(quota, period)
    return _ratio(_read(cgroup / "cpu" / "cpu.cfs_quota_us"), _read(cgroup / "cpu" / "cpu.cfs_period_us"))


def _read(path):
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _ratio(quota, period):
    try:
        quota, period = int(quota), int(period)
    except (TypeError, ValueError):            # "max", absent, or not a number: no quota
        return None
    return quota / period if quota > 0 and period > 0 else None
