"""Helpers shared by the parsers of the kernel's counter files: /proc/meminfo and vmstat
(rows of name and value) and /proc/net/netstat, snmp, sockstat, softnet_stat (rows of the
`net_counters` table: file, section, name, value)."""
import re

import pyarrow as pa

NUMBER = re.compile(r"^-?\d+$")


def name_values(text, pattern):
    """A (name, value) table of the lines `pattern` matches as (name, integer): meminfo, vmstat."""
    rows = [match.groups() for match in map(pattern.match, (line.strip() for line in text.splitlines())) if match]
    return pa.table({"name": pa.array([r[0] for r in rows], pa.string()),
                     "value": pa.array([float(r[1]) for r in rows], pa.float64())})


def net_table(file, rows):
    """The net_counters rows of one file: (section, name, value) tuples."""
    sections, names, values = (list(c) for c in zip(*rows)) if rows else ([], [], [])
    return pa.table({"file": pa.array([file] * len(rows), pa.string()),
                     "section": pa.array(sections, pa.string()), "name": pa.array(names, pa.string()),
                     "value": pa.array([float(v) for v in values], pa.float64())})


def header_value_pairs(file, text):
    """/proc/net/snmp and netstat: a line of names, then a line of values, with the same
    'Section:' prefix. Non-numeric values (never seen, but the file is the kernel's) are skipped."""
    rows, names = [], None
    for line in text.splitlines():
        section, _, rest = line.partition(":")
        fields = rest.split()
        if names and names[0] == section and len(fields) == len(names[1]):
            rows += [(section, n, int(v)) for n, v in zip(names[1], fields) if NUMBER.match(v)]
            names = None
        else:
            names = (section, fields) if fields else None
    return net_table(file, rows)
