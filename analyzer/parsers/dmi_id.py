"""/sys/class/dmi/id/<field>: one dmidecode value per file, readable without root (our collector).

Sample input (files/sys/class/dmi/id/sys_vendor)::

    Dell Inc.

Example: sys_vendor gives system_vendor 'Dell Inc.'; product_name gives system_product,
bios_vendor and bios_version their own columns. The field is the file's name, so the
parser reads the member name too (parse_member). Placeholders count as unknown, as in
dmidecode.py.
"""
from sosql.parsers.dmidecode import PLACEHOLDER

KIND = "facts"

COLUMNS = {"sys_vendor": "system_vendor", "product_name": "system_product", "bios_vendor": "bios_vendor",
           "bios_version": "bios_version"}


def parse_member(text, name):
    column = COLUMNS.get(name.rsplit("/", 1)[-1])
    value = text.strip()
    return {column: value} if column and not PLACEHOLDER.fullmatch(value) else {}


def parse(text):
    """Without its file name a value says nothing."""
    return {}
