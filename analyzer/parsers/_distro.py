"""Distribution ids from the names releases give themselves (shared by os_release and lsb_release).

A one-line release file or an lsb Distributor ID names the distribution in prose
('Red Hat Enterprise Linux Server', 'RedHatEnterpriseServer'); rules and the fleet
view compare the os-release ID ('rhel'), so the prose is mapped to it.
"""
import re

# (pattern on the lower-cased name with spaces removed, os-release ID); first match wins,
# so the longer names come before the names they contain ('centos stream' is centos anyway).
IDS = (
    (r"redhat|rhel", "rhel"), (r"centos", "centos"), (r"fedora", "fedora"),
    (r"oracle|enterpriselinuxenterpriselinux", "ol"), (r"amazon", "amzn"), (r"rocky", "rocky"),
    (r"alma", "almalinux"), (r"scientific", "scientific"), (r"cloudlinux", "cloudlinux"),
    (r"opensuse", "opensuse"), (r"suse|sles", "sles"), (r"ubuntu", "ubuntu"), (r"debian", "debian"),
    (r"linuxmint|^mint", "linuxmint"), (r"photon", "photon"), (r"coreos", "coreos"),
)
RELEASE = re.compile(r"\brelease\s+(\d[\w.\-]*)", re.I)


def distro_id(name):
    """'Red Hat Enterprise Linux Server release 7.3 (Maipo)' -> 'rhel'; unknown names -> first word."""
    squeezed = re.sub(r"[\s_\-]", "", name.lower())
    for pattern, found in IDS:
        if re.search(pattern, squeezed):
            return found
    words = name.split()
    return words[0].lower() if words else None


def release_line(line):
    """Facts of a one-line release file: redhat-release, centos-release, system-release, ..."""
    version = RELEASE.search(line)
    return {"distro": line, "distro_id": distro_id(line), "distro_version": version.group(1) if version else None}
