"""/proc/loadavg: the run queue averaged over 1, 5 and 15 minutes.

Sample input::

    2.15 1.98 1.70 3/1021 48211

Example: load_1 2.15, load_5 1.98, load_15 1.70. (The `uptime` command's
'load average:' gives the same three: see uptime.py.)
"""
import re

KIND = "facts"

LOADS = re.compile(r"^\s*(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\b")


def parse(text):
    match = LOADS.match(text)
    return dict(zip(("load_1", "load_5", "load_15"), map(float, match.groups()))) if match else {}
