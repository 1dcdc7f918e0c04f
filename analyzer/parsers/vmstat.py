"""/proc/vmstat: virtual memory counters since boot, one `name value` per line.

Sample input::

    nr_free_pages 1043521
    compact_stall 1038
    compact_fail 825
    compact_success 213

Example: rows (name, value): ('nr_free_pages', 1043521), ('compact_stall', 1038),
('compact_fail', 825), ('compact_success', 213).
"""
import re

from sosql.parsers._counters import name_values

KIND = "table"
TABLE = "vmstat"

LINE = re.compile(r"^(\w+)\s+(-?\d+)$")


def parse(text):
    return name_values(text, LINE)
