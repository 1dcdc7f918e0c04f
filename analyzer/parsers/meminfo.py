"""/proc/meminfo: memory sizes in kB (huge page counts in pages).

Sample input::

    MemTotal:       395824348 kB
    MemAvailable:    20481224 kB
    SwapTotal:        8388604 kB
    HugePages_Total:      160
    Hugepagesize:     2097152 kB

Example: rows (name, value): ('MemTotal', 395824348), ('MemAvailable', 20481224), ...,
('HugePages_Total', 160), ('Hugepagesize', 2097152): values as printed, so kB or a page count.
"""
import re

from sosql.parsers._counters import name_values

KIND = "table"
TABLE = "meminfo"

LINE = re.compile(r"^([\w()]+):\s+(\d+)(?:\s+kB)?$")


def parse(text):
    return name_values(text, LINE)
