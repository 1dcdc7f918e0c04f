"""`dmidecode` output: who made the machine (or which hypervisor emulates it) and its firmware.

Sample input::

    # dmidecode 3.2
    Handle 0x0000, DMI type 0, 24 bytes
    BIOS Information
    	Vendor: SeaBIOS
    	Version: 1.10.2-1ubuntu1
    	Release Date: 04/01/2014

    Handle 0x0100, DMI type 1, 27 bytes
    System Information
    	Manufacturer: QEMU
    	Product Name: Standard PC (i440FX + PIIX, 1996)
    	Serial Number: Not Specified

Example: system_vendor 'QEMU', system_product 'Standard PC (i440FX + PIIX, 1996)',
bios_vendor 'SeaBIOS', bios_version '1.10.2-1ubuntu1'. Placeholders such as
'Not Specified' or 'To Be Filled By O.E.M.' count as unknown. Serial numbers are not
kept: reports get shared, and redaction does not know them.
"""
import re

KIND = "facts"

WANTED = {("BIOS Information", "Vendor"): "bios_vendor", ("BIOS Information", "Version"): "bios_version",
          ("System Information", "Manufacturer"): "system_vendor",
          ("System Information", "Product Name"): "system_product"}
PLACEHOLDER = re.compile(r"not specified|not present|to be filled by o\.?e\.?m\.?|default string|none|"
                         r"system (manufacturer|product name)|^0+$|^$", re.I)


def parse(text):
    facts, section = {}, None
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.strip()          # a section title, a Handle line or a comment
            continue
        key, sep, value = line.strip().partition(":")
        column = WANTED.get((section, key))
        if sep and column and column not in facts and not PLACEHOLDER.fullmatch(value.strip()):
            facts[column] = value.strip()
    return facts
