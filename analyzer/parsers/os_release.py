"""/etc/os-release, and the one-line release files (redhat-release, centos-release, system-release...).

Sample input (os-release)::

    NAME="CentOS Linux"
    VERSION="7 (Core)"
    ID="centos"
    VERSION_ID="7"
    PRETTY_NAME="CentOS Linux 7 (Core)"

Sample input (redhat-release)::

    CentOS Linux release 7.4.1708 (Core)

    Red Hat Enterprise Linux Server release 7.3 (Maipo)

Example: distro 'CentOS Linux 7 (Core)', distro_id 'centos', distro_version '7';
from redhat-release: distro 'CentOS Linux release 7.4.1708 (Core)', distro_id
'centos', distro_version '7.4.1708'; the RHEL line gives distro_id 'rhel' (the
os-release ID, not the line's first word), distro_version '7.3'.
"""
import re
import shlex

from sosql.parsers._distro import release_line

KIND = "facts"


def parse(text):
    fields = key_values(text)
    if fields:
        return {"distro": fields.get("PRETTY_NAME") or fields.get("NAME"),
                "distro_id": fields.get("ID"), "distro_version": fields.get("VERSION_ID")}
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    return release_line(line) if line else {}


def key_values(text):
    fields = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and re.fullmatch(r"[A-Z_][A-Z0-9_]*", key.strip()):
            try:
                parts = shlex.split(value)
            except ValueError:
                parts = [value.strip().strip("\"'")]
            fields[key.strip()] = " ".join(parts)
    return fields
