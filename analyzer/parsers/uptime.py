"""Uptime: /proc/uptime (seconds) or the `uptime` command's text.

Sample input::

    350735.47 234388.90
     19:23:39 up 25 min,  1 user,  load average: 0.57, 0.39, 0.30
     10:01:02 up 3 days,  4:05,  2 users,  load average: 1.00, 1.00, 1.00

Example: uptime_s 350735.47; 1500.0; 273900.0 (the text form is to the minute). The text
form also gives load_1, load_5, load_15: 0.57, 0.39, 0.30.
"""
import re

from sosql.errors import ParseError

KIND = "facts"
MAX_UPTIME_S = 100 * 365 * 86400     # longer is a broken file, and no date arithmetic survives it

LOAD = re.compile(r"load averages?:\s*(\d+\.\d+),?\s+(\d+\.\d+),?\s+(\d+\.\d+)")
UP = re.compile(r"up\s+(?:(\d+) days?,\s*)?(?:(\d+):(\d\d)|(\d+) min|(\d+) hours?)?")


def parse(text):
    first = text.split()
    if first and re.fullmatch(r"\d+(\.\d+)?", first[0]):
        return {"uptime_s": _plausible(float(first[0]))}
    match, loads = UP.search(text), LOAD.search(text)
    facts = dict(zip(("load_1", "load_5", "load_15"), map(float, loads.groups()))) if loads else {}
    if not match:
        return facts
    days, hours, minutes, only_minutes, only_hours = (int(g) if g else 0 for g in match.groups())
    seconds = ((days * 24 + hours + only_hours) * 60 + minutes + only_minutes) * 60
    return dict(facts, uptime_s=_plausible(float(seconds)))


def _plausible(seconds):
    if seconds > MAX_UPTIME_S:
        raise ParseError(f"uptime of {seconds:.0f} s is over 100 years")
    return seconds
