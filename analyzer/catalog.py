"""The source catalog: where each logical source lives in each bundle format.

One entry per logical source. `sosql` paths are members of our bundles (see
docs/bundle-format.md); `sos` paths cover sos report 3.x and 4.x. Paths are
fnmatch patterns relative to the bundle root, listed in order of preference:
for a single source the first that exists wins; a `many` source (rotated logs)
loads every match. Adding a source = one entry here plus its parser module.
"""
import fnmatch
from typing import NamedTuple, Tuple


class Source(NamedTuple):
    name: str
    parser: str                 # module name in analyzer.parsers
    sosql: Tuple[str, ...]      # candidates in our bundles
    sos: Tuple[str, ...]        # candidates in sos reports, newest layout first
    many: bool = False          # load every match (rotated logs), not just the best


SOURCES = (
    Source("manifest", "manifest", ("manifest.json",), ()),
    Source("manifest_items", "manifest_items", ("manifest.json",), ()),
    Source("sos_version", "sos_version", (), ("version.txt",)),
    Source("uname", "uname", ("commands/uname_-a",),
           ("sos_commands/kernel/uname_-a", "uname")),
    Source("hostname", "hostname",
           ("commands/hostname", "files/etc/hostname", "files/proc/sys/kernel/hostname"),
           ("sos_commands/host/hostname", "sos_commands/general/hostname", "hostname",
            "etc/hostname")),
    Source("os_release", "os_release",
           ("files/etc/os-release", "files/usr/lib/os-release"),
           ("etc/os-release", "usr/lib/os-release")),
    Source("redhat_release", "os_release", ("files/etc/redhat-release",),
           ("etc/redhat-release",)),
    Source("date", "date", (),                       # ours: collected_at is in manifest.json
           ("sos_commands/date/date", "sos_commands/general/date")),
    Source("uptime", "uptime", ("files/proc/uptime", "commands/uptime"),
           ("sos_commands/host/uptime", "sos_commands/general/uptime", "uptime")),
    Source("dmi_product", "dmi_product", ("files/sys/class/dmi/id/product_name",),
           ("sys/class/dmi/id/product_name",)),
    Source("sysctl", "sysctl", ("commands/sysctl_-a",), ("sos_commands/kernel/sysctl_-a",)),
    Source("dmesg", "dmesg", ("commands/dmesg",), ("sos_commands/kernel/dmesg",)),
    Source("boot_dmesg", "dmesg", ("files/var/log/dmesg",), ("var/log/dmesg",)),
    Source("messages", "syslog", ("files/var/log/messages*",), ("var/log/messages*",), many=True),
    Source("syslog", "syslog", ("files/var/log/syslog*",), ("var/log/syslog*",), many=True),
    Source("kern_log", "syslog", ("files/var/log/kern.log*",), ("var/log/kern.log*",), many=True),
    Source("kernel_journal", "syslog", ("commands/journalctl_--no-pager_-k_-b",), ()),
    Source("unit_journals", "syslog", ("commands/journalctl_--no-pager_-u_*",),
           ("sos_commands/*/journalctl_--no-pager_--unit_*",), many=True),
    Source("vmcore_dmesg", "dmesg", ("files/var/crash/*/vmcore-dmesg.txt",),
           ("var/crash/*/vmcore-dmesg.txt",), many=True),
    Source("journal", "syslog",
           ("commands/journalctl_--no-pager_--since_-7d",),
           ("sos_commands/logs/journalctl_--no-pager",
            "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
            "sos_commands/logs/journalctl_--all_--this-boot_--no-pager")),
)

BY_NAME = {s.name: s for s in SOURCES}
FORMATS = ("sosql", "sos")

# Log sources in the order their copy of a duplicated event is kept: a line with
# an absolute syslog timestamp beats the same line in the journal or dmesg.
LOG_PRIORITY = ("messages", "syslog", "kern_log", "journal", "unit_journals", "kernel_journal",
                "dmesg", "boot_dmesg", "vmcore_dmesg")


def candidates(source, fmt):
    return source.sosql if fmt == "sosql" else source.sos


def matches(name):
    """Every (source, format, rank) whose candidate pattern matches member `name`."""
    for source in SOURCES:
        for fmt in FORMATS:
            for rank, pattern in enumerate(candidates(source, fmt)):
                if fnmatch.fnmatchcase(name, pattern):
                    yield source, fmt, rank
                    break
