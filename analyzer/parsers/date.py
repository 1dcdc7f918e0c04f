"""`date` output: when the bundle was collected, in the node's local time.

Sample input::

    Fri Feb 11 19:23:39 UTC 2022

Example: collected_at 2022-02-11 19:23:39; as the zone is UTC, collected_at_utc too.
"""
import re
from datetime import datetime

KIND = "facts"

DATE = re.compile(r"([A-Z][a-z]{2}) +([A-Z][a-z]{2}) +(\d+) (\d\d:\d\d:\d\d)(?: ([A-Z+\-0-9]+))? (\d{4})")


def parse(text):
    match = DATE.search(text)
    if not match:
        return {}
    _, month, day, clock, zone, year = match.groups()
    try:
        stamp = datetime.strptime(f"{year} {month} {day} {clock}", "%Y %b %d %H:%M:%S")
    except ValueError:
        return {}
    facts = {"collected_at": stamp}
    if zone in ("UTC", "GMT", "Z"):
        facts["collected_at_utc"] = stamp
    return facts
