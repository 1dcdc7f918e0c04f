"""version.txt at the root of a sos report: marks the bundle as sos and gives its version.

Sample input::

    sosreport: 4.2.

Example: gives format 'sos' and format_version '4.2'.
"""
import re

KIND = "facts"


def parse(text):
    match = re.search(r"sosreport:?\s*([\d.]+\d)", text)
    return {"format": "sos", "format_version": match.group(1) if match else None}
