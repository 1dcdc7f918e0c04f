"""Text sar files (sysstat's sa2 writes /var/log/sa/sarDD; sos converts saDD into
sos_commands/sar/sarDD): CPU, memory, paging, swap, load and network history, with times.

Sample input::

    Linux 3.10.0-957.el7.x86_64 (big1) 	07/10/2018 	_x86_64_	(64 CPU)

    12:00:01 AM     CPU     %user     %nice   %system   %iowait    %steal     %idle
    12:10:01 AM     all      2.02      0.00      0.53      0.03      0.00     97.42
    Average:        all      2.02      0.00      0.53      0.03      0.00     97.42

    12:00:01 AM kbmemfree kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit
    12:10:01 AM   1203412 64604000     98.17      2100   1200300 70100200    105.20

    12:00:01 AM     IFACE   rxerr/s   txerr/s    coll/s  rxdrop/s  txdrop/s  txcarr/s  rxfram/s  rxfifo/s  txfifo/s
    12:10:01 AM      eth0     12.40      0.00      0.00     30.10      0.00      0.00      0.00      0.00      0.00

Example: rows (section, ts, item, name, value): ('cpu', 2018-07-10 00:10:01, 'all', '%user',
2.02), ..., ('memory', 2018-07-10 00:10:01, NULL, '%memused', 98.17), ..., ('edev',
2018-07-10 00:10:01, 'eth0', 'rxerr/s', 12.4), ... The day is the header's (MM/DD/YYYY,
YYYY-MM-DD or MM/DD/YY); a time earlier than the one before it in a section is the next day.
Kept sections: cpu (the 'all' line), memory, swap, paging, swapping, queue (load), io,
dev and edev (per interface); Average lines, other sections and restarts are skipped.
"""
import re
from datetime import datetime, timedelta

from sosql.parsers._table import number
from sosql.store import schema

KIND = "table"
TABLE = "sar"

HEADER = re.compile(r"^Linux \S+ \(.*?\)\s+(\d{1,4}[/-]\d{1,2}[/-]\d{1,4})")
TIME = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:\s+([AP]M))?\s+(.*)$")
# (a column only that section has, the item column it has or None): the first that matches wins
SECTIONS = (("cpu", "%user", "CPU"), ("cpu", "%usr", "CPU"), ("memory", "kbmemfree", None),
            ("swap", "kbswpfree", None), ("paging", "pgpgin/s", None), ("swapping", "pswpin/s", None),
            ("queue", "runq-sz", None), ("io", "tps", None), ("edev", "rxerr/s", "IFACE"),
            ("dev", "rxpck/s", "IFACE"))


def parse(text):
    rows, day, columns, section, last, shift = [], None, None, None, None, timedelta(0)
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            day = _day(header.group(1))
            continue
        match = TIME.match(line)
        if not match:
            continue
        fields = match.group(5).split()
        if "RESTART" in fields:
            continue
        if fields and number(fields[-1]) is None:
            columns, section, last, shift = fields, _section(fields), None, timedelta(0)
            continue
        if not section or not columns or len(fields) != len(columns):
            continue
        ts = _time(day, match.groups()[:4])
        ts = ts + shift if ts else None
        if ts and last and ts < last - timedelta(hours=1):    # past midnight: this section's next day
            shift, ts = shift + timedelta(days=1), ts + timedelta(days=1)
        last = ts or last
        rows += _rows(section, ts, columns, fields)
    return schema.arrow_table(TABLE, rows)


def _section(columns):
    item = columns[0] if columns[0].isupper() else None
    return next((name for name, column, has in SECTIONS if column in columns and has == item), None)


def _rows(section, ts, columns, fields):
    item = fields[0] if columns[0].isupper() else None
    if section == "cpu" and item != "all":
        return []
    start = 1 if item is not None else 0
    return [{"section": section, "ts": ts, "item": item, "name": name, "value": number(value)}
            for name, value in zip(columns[start:], fields[start:]) if number(value) is not None]


def _day(text):
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%d/%m/%Y", "%d/%m/%y"):
        try:
            day = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return day if 1970 <= day.year <= 2100 else None     # else garbage: no date to add days to
    return None


def _time(day, parts):
    hour, minute, second, half = parts
    hour, minute, second = int(hour), int(minute), int(second)
    if half:
        hour = hour % 12 + (12 if half == "PM" else 0)
    if day is None or hour > 23 or minute > 59 or second > 59:
        return None
    return day + timedelta(hours=hour, minutes=minute, seconds=second)
