"""/proc/pressure/{cpu,memory,io}: pressure stall information (PSI, kernel 4.20+).

Sample input (files/proc/pressure/memory)::

    some avg10=12.50 avg60=8.31 avg300=3.02 total=918273645
    full avg10=6.10 avg60=4.00 avg300=1.50 total=401234567

Example: rows (resource, scope, avg10, avg60, avg300, total_us): ('memory', 'some', 12.5, 8.31,
3.02, 918273645) and ('memory', 'full', 6.1, 4.0, 1.5, 401234567): the share of time (%) some
or all runnable tasks stalled waiting for memory, over 10 s, 60 s and 5 min, and the total
stall in microseconds since boot. The resource is the file's name.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "pressure"

LINE = re.compile(r"^(some|full) avg10=([\d.]+) avg60=([\d.]+) avg300=([\d.]+) total=(\d+)\s*$")


def parse_member(text, member):
    resource = member.rstrip("/").rsplit("/", 1)[-1]
    rows = []
    for match in filter(None, map(LINE.match, text.splitlines())):
        scope, avg10, avg60, avg300, total = match.groups()
        rows.append({"resource": resource, "scope": scope, "avg10": float(avg10), "avg60": float(avg60),
                     "avg300": float(avg300), "total_us": int(total)})
    return schema.arrow_table(TABLE, rows)
