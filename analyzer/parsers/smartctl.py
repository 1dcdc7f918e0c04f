"""`smartctl -a /dev/X` (or `-H`): a disk's own health verdict and its error counters.

Sample input (sos_commands/ata/smartctl_-a_.dev.sdb)::

    === START OF INFORMATION SECTION ===
    Device Model:     ST4000NM0033-9ZM170
    === START OF READ SMART DATA SECTION ===
    SMART overall-health self-assessment test result: FAILED!
    ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE
      5 Reallocated_Sector_Ct   0x0033   001   001   036    Pre-fail  Always   FAILING_NOW 4095
    197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       8

Example: one row: device 'sdb' (from the file name), model 'ST4000NM0033-9ZM170',
health 'FAILED', failing true, reallocated 4095, pending 8, uncorrectable NULL. SAS
disks say `SMART Health Status: OK`; any verdict but PASSED or OK, or an attribute
FAILING_NOW, is failing. Output without a verdict (no such device, SMART off) gives
no row. Serial numbers are not kept: reports get shared.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "disk_health"

DEVICE = re.compile(r"(?:^|[_./])dev[._/]([\w-]+?)(?:\.tailed)?$")
VERDICT = re.compile(r"^(?:SMART overall-health self-assessment test result|SMART Health Status):\s*(.+?)!?\s*$", re.M)
MODEL = re.compile(r"^(?:Device Model|Model Number|Product):\s*(.+?)\s*$", re.M)
ATTRIBUTES = {"Reallocated_Sector_Ct": "reallocated", "Current_Pending_Sector": "pending",
              "Offline_Uncorrectable": "uncorrectable"}


def parse_member(text, member):
    verdict = VERDICT.search(text)
    if not verdict:
        return schema.arrow_table(TABLE, [])
    row = {"device": _device(member), "model": _first(MODEL, text), "health": verdict.group(1),
           "failing": verdict.group(1).upper() not in ("PASSED", "OK") or "FAILING_NOW" in text}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 10 and fields[1] in ATTRIBUTES and fields[9].isdigit():
            row[ATTRIBUTES[fields[1]]] = int(fields[9])
    return schema.arrow_table(TABLE, [row])


def _device(member):
    found = DEVICE.search(member)
    return found.group(1) if found else member.rsplit("/", 1)[-1]


def _first(regex, text):
    found = regex.search(text)
    return found.group(1) if found else None
