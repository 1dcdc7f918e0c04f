"""Installed packages: `rpm -qa` (and sos installed-rpms / insights' rpm -qa --qf), `dpkg -l`,
and `dpkg-query -W` as our collector runs it.

Sample input (rpm; sos installed-rpms adds the install date after the name)::

    kernel-3.10.0-693.el7.x86_64
    docker-1.13.1-53.git774336d.el7.centos.x86_64     Tue Mar 13 10:22:01 2018
    bind-libs-32:9.9.4-61.el7.x86_64

Sample input (dpkg -l)::

    ii  containerd.io   1.4.3-1   amd64   An open and reliable container runtime

Sample input (dpkg-query -W, tab-separated)::

    open-iscsi	2.0.874-7.1ubuntu6.2	amd64	install ok installed

Example: (rpm, kernel, None, 3.10.0, 693.el7, x86_64); (rpm, docker, None, 1.13.1,
53.git774336d.el7.centos, x86_64); (rpm, bind-libs, 32, 9.9.4, 61.el7, x86_64);
(dpkg, containerd.io, None, 1.4.3-1, None, amd64). dpkg packages not installed
('rc', 'deinstall ok config-files') are left out.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "packages"

NVRA = re.compile(r"^(?P<name>\S+)-(?:(?P<epoch>\d+):)?(?P<version>[^-\s]+)-(?P<release>[^-\s]+)\.(?P<arch>[^.\s]+)(?:\s|$)")
DPKG_L = re.compile(r"^(?P<state>[a-zA-Z]{2,3})\s+(?P<name>[^\s:]+)(?::\S+)?\s+(?P<version>\S+)\s+(?P<arch>\S+)")


def parse(text):
    rows = []
    for line in text.splitlines():
        row = _dpkg_query(line) or _dpkg_l(line) or _rpm(line)
        if row:
            rows.append(row)
    return schema.arrow_table(TABLE, rows)


def _rpm(line):
    match = NVRA.match(line.strip())
    return dict(match.groupdict(), manager="rpm") if match else None


def _dpkg_l(line):
    match = DPKG_L.match(line)
    if not match or match.group("state")[:2] not in ("ii", "hi", "iU", "iF", "hU"):
        return None
    version = match.group("version")
    epoch, _, version = version.rpartition(":") if ":" in version else (None, "", version)
    return {"manager": "dpkg", "name": match.group("name"), "epoch": epoch or None, "version": version,
            "arch": match.group("arch")}


def _dpkg_query(line):
    fields = line.split("\t")
    if len(fields) != 4:
        return None
    name, version, arch, status = fields
    if not status.endswith(" installed") or "not-installed" in status:
        return None
    epoch, _, version = version.rpartition(":") if ":" in version else (None, "", version)
    return {"manager": "dpkg", "name": name, "epoch": epoch or None, "version": version, "arch": arch}
