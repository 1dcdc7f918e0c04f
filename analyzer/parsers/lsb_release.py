"""`lsb_release -a` output, or /etc/lsb-release: the distribution where there is no os-release.

Sample input (lsb_release -a; sos keeps it in sos_commands/release/)::

    No LSB modules are available.
    Distributor ID:	Ubuntu
    Description:	Ubuntu 20.04.3 LTS
    Release:	20.04
    Codename:	focal

Sample input (/etc/lsb-release)::

    DISTRIB_ID=Ubuntu
    DISTRIB_RELEASE=20.04
    DISTRIB_DESCRIPTION="Ubuntu 20.04.3 LTS"

Example: both give distro 'Ubuntu 20.04.3 LTS', distro_id 'ubuntu', distro_version
'20.04'. `lsb_release -d` alone ('Description: ...') gives the name and the id from it.
"""
import re

from sosql.parsers._distro import distro_id
from sosql.parsers.os_release import key_values

KIND = "facts"

# lsb_release -a labels -> /etc/lsb-release keys, so both forms read the same way.
LABELS = {"Distributor ID": "DISTRIB_ID", "Description": "DISTRIB_DESCRIPTION", "Release": "DISTRIB_RELEASE"}


def parse(text):
    fields = key_values(text)
    for label, key in LABELS.items():
        found = re.search(rf"^{label}:\s*(.*?)\s*$", text, re.M)
        if found and found.group(1) not in ("", "n/a"):
            fields.setdefault(key, found.group(1))
    name = fields.get("DISTRIB_DESCRIPTION") or fields.get("DISTRIB_ID")
    if not name:
        return {}
    return {"distro": name, "distro_id": distro_id(fields.get("DISTRIB_ID") or name),
            "distro_version": fields.get("DISTRIB_RELEASE")}
