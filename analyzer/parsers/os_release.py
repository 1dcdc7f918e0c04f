"""/etc/os-release, and the one-line /etc/redhat-release of older RHEL/CentOS.

Sample input (os-release)::

    NAME="CentOS Linux"
    VERSION="7 (Core)"
    ID="centos"
    VERSION_ID="7"
    PRETTY_NAME="CentOS Linux 7 (Core)"

Sample input (redhat-release)::

    CentOS Linux release 7.4.1708 (Core)

Example: distro 'CentOS Linux 7 (Core)', distro_id 'centos', distro_version '7';
from redhat-release: distro 'CentOS Linux release 7.4.1708 (Core)', distro_id
'centos', distro_version '7.4.1708'.
"""
import re
import shlex

KIND = "facts"


def parse(text):
    fields = _key_values(text)
    if fields:
        return {"distro": fields.get("PRETTY_NAME") or fields.get("NAME"),
                "distro_id": fields.get("ID"), "distro_version": fields.get("VERSION_ID")}
    line = text.strip().splitlines()[0] if text.strip() else ""
    if not line:
        return {}
    version = re.search(r"release\s+(\S+)", line)
    return {"distro": line, "distro_id": line.split()[0].lower(),
            "distro_version": version.group(1) if version else None}


def _key_values(text):
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
