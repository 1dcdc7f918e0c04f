"""The source catalog: where each logical source lives in each bundle format.

One entry per logical source. `sosql` paths are members of our bundles (see
docs/bundle-format.md); `sos` paths cover sos report 3.x and 4.x (newest layout
first); `insights` paths cover insights-client archives. Paths are fnmatch
patterns relative to the bundle root, in order of preference: for a single
source the first that exists wins; a `many` source (rotated logs, one listing
per table) loads every match. `unless` names sources that, when found, make
this one redundant (plain iptables-save duplicates its legacy/nft variant).
Adding a source = one entry here plus its parser module.
"""
import fnmatch
import functools
import re
from typing import NamedTuple, Tuple

from sosql.read import catalog_node


class Source(NamedTuple):
    name: str
    parser: str                    # module name in sosql.parsers
    sosql: Tuple[str, ...] = ()    # candidates in our bundles
    sos: Tuple[str, ...] = ()      # candidates in sos reports
    insights: Tuple[str, ...] = ()  # candidates in insights-client archives
    many: bool = False             # load every match, not just the best
    unless: Tuple[str, ...] = ()   # skip when any of these sources was found


def _sos_fw(name):
    """sos keeps firewall listings under firewall_tables/ from 4.1, networking/ before."""
    return (f"sos_commands/firewall_tables/{name}", f"sos_commands/networking/{name}")


def _release_files():
    """One-line release files, the distribution's own first: a RHEL rebuild's redhat-release may
    name RHEL (Oracle Linux's does), and system-release is a link to one of them."""
    return tuple(f"etc/{name}-release" for name in ("oracle", "centos", "rocky", "almalinux", "fedora", "redhat",
                                                    "system"))


# Where systemd-sysctl and procps read kernel parameters from, most trusted folder first.
SYSCTL_FILES = ("etc/sysctl.conf", "etc/sysctl.d/*.conf", "run/sysctl.d/*.conf", "usr/lib/sysctl.d/*.conf",
                "lib/sysctl.d/*.conf")

# The bcache tunables the bcache rule reads: a backing device's mode, a cache set's congestion cut-offs.
BCACHE_FILES = ("sys/block/bcache*/bcache/cache_mode", "sys/fs/bcache/*/congested_*_threshold_us")
# sos's bcache plugin also copies each backing device under its cache set (bdevN, a link to it).
SOS_BCACHE_FILES = BCACHE_FILES + ("sys/fs/bcache/*/bdev*/cache_mode",)
# kubelet's own configuration file and the environment files its systemd unit passes as flags.
KUBELET_FILES = ("var/lib/kubelet/config.yaml", "etc/sysconfig/kubelet", "etc/default/kubelet",
                 "var/lib/kubelet/kubeadm-flags.env")

SOURCES = (
    # -- what the bundle is and when it was made
    # collection.json: the manifest's fields but its items, which our collector writes first (the
    # manifest comes last), so that the logs are dated as they stream
    Source("manifest", "manifest", sosql=("manifest.json", "collection.json")),
    Source("manifest_items", "manifest_items", sosql=("manifest.json",)),
    Source("sos_version", "sos_version", sos=("version.txt",)),
    Source("sos_manifest", "sos_manifest", sos=("sos_reports/manifest.json",)),
    Source("sos_logs", "sos_logs", sos=("sos_logs/ui.log", "sos_logs/sos.log"), many=True),
    # -- host facts
    Source("hostname", "hostname",
           sosql=("commands/hostname", "files/etc/hostname", "files/proc/sys/kernel/hostname"),
           sos=("sos_commands/host/hostname", "sos_commands/general/hostname", "hostname", "etc/hostname"),
           insights=("insights_commands/hostname", "etc/hostname")),
    Source("uname", "uname", sosql=("commands/uname_-a",), sos=("sos_commands/kernel/uname_-a", "uname"),
           insights=("insights_commands/uname_-a",)),
    Source("os_release", "os_release", sosql=("files/etc/os-release", "files/usr/lib/os-release"),
           sos=("etc/os-release", "usr/lib/os-release"), insights=("etc/os-release",)),
    Source("redhat_release", "os_release", sosql=("files/etc/redhat-release",), sos=_release_files(),
           insights=_release_files()),
    Source("lsb_release", "lsb_release", sosql=("files/etc/lsb-release",),
           sos=("sos_commands/release/lsb_release_-a", "sos_commands/lsbrelease/lsb_release_-a", "etc/lsb-release",
                "lsb-release", "sos_commands/release/lsb_release", "sos_commands/lsbrelease/lsb_release"),
           insights=("insights_commands/lsb_release_-a", "etc/lsb-release")),
    Source("date", "date", sos=("sos_commands/date/date", "sos_commands/general/date"),
           insights=("insights_commands/date",)),       # ours: collected_at is in manifest.json
    Source("uptime", "uptime", sosql=("files/proc/uptime", "commands/uptime"),
           sos=("sos_commands/host/uptime", "sos_commands/general/uptime", "uptime"),
           insights=("insights_commands/uptime",)),
    Source("loadavg", "loadavg", sosql=("files/proc/loadavg",)),     # sos, insights: uptime's load average
    Source("dmi_product", "dmi_product", sosql=("files/sys/class/dmi/id/product_name",),
           sos=("sys/class/dmi/id/product_name",)),
    Source("dmidecode", "dmidecode", sos=("sos_commands/hardware/dmidecode", "dmidecode"),
           insights=("insights_commands/dmidecode",)),
    Source("dmi_id", "dmi_id", sosql=tuple(f"files/sys/class/dmi/id/{name}" for name in
                                           ("sys_vendor", "product_name", "bios_vendor", "bios_version")), many=True),
    Source("lscpu", "lscpu", sosql=("commands/lscpu",), sos=("sos_commands/processor/lscpu",),
           insights=("insights_commands/lscpu",)),
    # after lscpu: its hypervisor vendor wins, hostnamectl covers the VMs and containers it misses
    Source("hostnamectl", "hostnamectl", sos=("sos_commands/host/hostnamectl_status",),
           insights=("insights_commands/hostnamectl_status",)),
    Source("cmdline", "cmdline", sosql=("files/proc/cmdline",), sos=("proc/cmdline",), insights=("proc/cmdline",)),
    Source("grub_default", "grub_default", sosql=("files/etc/default/grub",), sos=("etc/default/grub",),
           insights=("etc/default/grub",)),
    Source("tainted", "tainted", sosql=("files/proc/sys/kernel/tainted",), sos=("proc/sys/kernel/tainted",)),
    Source("timedatectl", "clock", sosql=("commands/timedatectl",),
           sos=("sos_commands/systemd/timedatectl", "sos_commands/date/timedatectl")),
    Source("chronyc_tracking", "clock", sosql=("commands/chronyc_tracking",),
           sos=("sos_commands/chrony/chronyc_tracking", "sos_commands/chrony/chronyc_-n_tracking"),
           insights=("insights_commands/chronyc_tracking",)),
    Source("ntpstat", "clock", sosql=("commands/ntpstat",), sos=("sos_commands/ntp/ntpstat",)),
    Source("ntptime", "clock", sos=("sos_commands/ntp/ntptime",), insights=("insights_commands/ntptime",)),
    Source("ntpq_peers", "clock", sos=("sos_commands/ntp/ntpq_-p", "sos_commands/ntp/ntpq_-pn"),
           insights=("insights_commands/ntpq_-pn", "insights_commands/ntpq_-p")),
    Source("resolv_conf", "resolv_conf", sosql=("files/etc/resolv.conf",), sos=("etc/resolv.conf",),
           insights=("etc/resolv.conf",)),
    # -- kernel state, packages, processes
    Source("sysctl", "sysctl", sosql=("commands/sysctl_-a",), sos=("sos_commands/kernel/sysctl_-a",),
           insights=("insights_commands/sysctl_-a",)),
    Source("smartctl", "smartctl", sosql=("commands/smartctl_*",),
           sos=("sos_commands/ata/smartctl_*", "sos_commands/smartctl/smartctl_*"),
           insights=("insights_commands/smartctl_*",), many=True),
    Source("bcache", "bcache", sosql=tuple("files/" + p for p in BCACHE_FILES), sos=SOS_BCACHE_FILES,
           many=True),
    Source("rsyslog_conf", "rsyslog_conf", sosql=("files/etc/rsyslog.conf", "files/etc/rsyslog.d/*.conf"),
           sos=("etc/rsyslog.conf", "etc/rsyslog.d/*.conf"), insights=("etc/rsyslog.conf",), many=True),
    Source("sysctl_conf", "sysctl_conf", sosql=tuple("files/" + p for p in SYSCTL_FILES),
           sos=SYSCTL_FILES, insights=SYSCTL_FILES[:2], many=True),
    Source("modules", "modules", sosql=("files/proc/modules",),
           sos=("sos_commands/kernel/lsmod", "proc/modules", "lsmod"), insights=("insights_commands/lsmod",)),
    Source("packages", "packages", sosql=("commands/rpm_-qa", "commands/dpkg-query_-W"),
           sos=("installed-rpms", "sos_commands/rpm/package-data", "sos_commands/dpkg/dpkg_-l", "installed-debs"),
           insights=("insights_commands/rpm_-qa*",)),
    Source("processes", "ps", sosql=("commands/ps_auxwww",),
           sos=("sos_commands/process/ps_auxwww", "sos_commands/process/ps_auxwwwm",
                "sos_commands/process/ps_alxwww", "ps"),
           insights=("insights_commands/ps_auxcww", "insights_commands/ps_aux")),
    # -- kernel counters (/proc): sos copies /proc/net/ whole (networking plugin), insights some files
    Source("meminfo", "meminfo", sosql=("files/proc/meminfo",), sos=("proc/meminfo",), insights=("proc/meminfo",)),
    Source("vmstat", "vmstat", sosql=("files/proc/vmstat",), sos=("proc/vmstat",)),
    Source("buddyinfo", "buddyinfo", sosql=("files/proc/buddyinfo",), sos=("proc/buddyinfo",)),
    Source("netstat", "netstat", sosql=("files/proc/net/netstat",), sos=("proc/net/netstat",),
           insights=("proc/net/netstat",)),
    Source("snmp", "snmp", sosql=("files/proc/net/snmp",), sos=("proc/net/snmp",), insights=("proc/net/snmp",)),
    Source("sockstat", "sockstat", sosql=("files/proc/net/sockstat",), sos=("proc/net/sockstat",),
           insights=("proc/net/sockstat",)),
    Source("softnet_stat", "softnet_stat", sosql=("files/proc/net/softnet_stat",), sos=("proc/net/softnet_stat",),
           insights=("proc/net/softnet_stat",)),
    Source("netlink", "netlink", sosql=("files/proc/net/netlink",), sos=("proc/net/netlink",)),
    Source("net_dev", "net_dev", sosql=("files/proc/net/dev",), sos=("proc/net/dev",)),
    Source("pressure", "pressure", sosql=("files/proc/pressure/*",), sos=("proc/pressure/*",), many=True),
    # -- storage and services
    Source("df", "df", sosql=("commands/df_-al",),
           sos=("sos_commands/filesys/df_-al_-x_autofs", "sos_commands/filesys/df_-al", "df"),
           insights=("insights_commands/df_-alP", "insights_commands/df_-al")),
    Source("df_inodes", "df", sosql=("commands/df_-ali",),
           sos=("sos_commands/filesys/df_-ali_-x_autofs", "sos_commands/filesys/df_-ali"),
           insights=("insights_commands/df_-li", "insights_commands/df_-ali")),
    Source("mounts", "mounts", sosql=("files/proc/mounts",),
           sos=("proc/mounts", "sos_commands/filesys/mount_-l", "mount"),
           insights=("insights_commands/mount", "proc/mounts")),
    Source("units", "systemctl_units",
           sosql=("commands/systemctl_list-units_--all_--no-pager",
                  "commands/systemctl_list-units_--failed_--no-pager_--all"),
           sos=("sos_commands/systemd/systemctl_list-units_--all", "sos_commands/systemd/systemctl_list-units",
                "sos_commands/systemd/systemctl_list-units_--failed"),
           insights=("insights_commands/systemctl_list-units*",)),
    # -- network
    Source("links", "ip_link", sosql=("commands/ip_-d_link",),
           sos=("sos_commands/networking/ip_-s_-d_link", "sos_commands/networking/ip_-d_link",
                "sos_commands/networking/ip_-s_link", "sos_commands/networking/ip_link",
                "sos_commands/networking/ip_-o_link"),
           insights=("insights_commands/ip_addr",)),
    Source("addresses", "ip_addr", sosql=("commands/ip_-d_addr",),
           sos=("sos_commands/networking/ip_-d_address", "sos_commands/networking/ip_address",
                "sos_commands/networking/ip_addr", "sos_commands/networking/ip_-o_addr", "ip_addr"),
           insights=("insights_commands/ip_addr",)),
    Source("routes", "ip_route", sosql=("commands/ip_route_show_table_all", "commands/ip_route"),
           sos=("sos_commands/networking/ip_route_show_table_all", "sos_commands/networking/ip_route"),
           insights=("insights_commands/ip_route_show_table_all",)),
    Source("listeners", "ss", sosql=("commands/ss_-tulpn",),
           sos=("sos_commands/networking/ss_-tulpn", "sos_commands/networking/ss_-peaonmi"),
           insights=("insights_commands/ss_-tulpn",)),
    Source("routes6", "ip_route", sosql=("commands/ip_-6_route_show_table_all",),
           sos=("sos_commands/networking/ip_-6_route_show_table_all",)),
    Source("iptables_legacy_save", "iptables_save", sosql=("commands/iptables-legacy-save",)),
    Source("iptables_nft_save", "iptables_save", sosql=("commands/iptables-nft-save",)),
    Source("iptables_save", "iptables_save", sosql=("commands/iptables-save",),
           insights=("insights_commands/iptables-save",), unless=("iptables_legacy_save", "iptables_nft_save")),
    Source("ip6tables_legacy_save", "iptables_save", sosql=("commands/ip6tables-legacy-save",)),
    Source("ip6tables_nft_save", "iptables_save", sosql=("commands/ip6tables-nft-save",)),
    Source("ip6tables_save", "iptables_save", sosql=("commands/ip6tables-save",),
           insights=("insights_commands/ip6tables-save",), unless=("ip6tables_legacy_save", "ip6tables_nft_save")),
    Source("iptables_filter", "iptables_listing", sos=_sos_fw("iptables_-vnxL") + _sos_fw("iptables_-t_filter_-nvL")),
    Source("iptables_tables", "iptables_listing", sos=_sos_fw("iptables_-t_[!f]*_-nvL"), many=True),
    Source("ip6tables_filter", "iptables_listing",
           sos=_sos_fw("ip6tables_-vnxL") + _sos_fw("ip6tables_-t_filter_-nvL")),
    Source("ip6tables_tables", "iptables_listing", sos=_sos_fw("ip6tables_-t_[!f]*_-nvL"), many=True),
    Source("nft_ruleset", "nft_ruleset", sosql=("commands/nft_list_ruleset",), sos=_sos_fw("nft_list_ruleset")),
    # -- containers
    Source("docker_info", "docker_info", sosql=("commands/docker_info_--format_json", "commands/docker_info"),
           sos=("sos_commands/docker/docker_info",), insights=("insights_commands/docker_info",)),
    Source("kubelet_config", "kubelet_config", sosql=tuple("files/" + p for p in KUBELET_FILES), sos=KUBELET_FILES,
           many=True),
    # -- logs
    Source("dmesg", "dmesg", sosql=("commands/dmesg",), sos=("sos_commands/kernel/dmesg",),
           insights=("insights_commands/dmesg",)),
    Source("boot_dmesg", "dmesg", sosql=("files/var/log/dmesg",), sos=("var/log/dmesg",)),
    Source("vmcore", "dmesg", sosql=("files/var/crash/*/vmcore-dmesg.txt",),
           sos=("var/crash/*/vmcore-dmesg.txt",), many=True),
    Source("pstore", "dmesg", sosql=("files/sys/fs/pstore/dmesg-*",), sos=("sys/fs/pstore/dmesg-*",), many=True),
    Source("messages", "syslog", sosql=("files/var/log/messages*",), sos=("var/log/messages*",),
           insights=("var/log/messages*",), many=True),
    Source("syslog", "syslog", sosql=("files/var/log/syslog*",), sos=("var/log/syslog*",), many=True),
    Source("kern_log", "syslog", sosql=("files/var/log/kern.log*",), sos=("var/log/kern.log*",), many=True),
    Source("kernel_journal", "syslog", sosql=("commands/journalctl_--no-pager_-k_-b",)),
    Source("unit_journals", "syslog", sosql=("commands/journalctl_--no-pager_-u_*",),
           sos=("sos_commands/*/journalctl_--no-pager_--unit_*",), many=True),
    Source("journal", "syslog", sosql=("commands/journalctl_--no-pager_--since_-7d",),
           sos=("sos_commands/logs/journalctl_--no-pager",
                "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
                "sos_commands/logs/journalctl_--all_--this-boot_--no-pager")),
) + tuple(Source(**entry) for entry in catalog_node.SOURCES)     # storage, services, network, runtimes, sar

BY_NAME = {s.name: s for s in SOURCES}
FORMATS = ("sosql", "sos", "insights")
# Members whose presence says which format a bundle is (ours: a valid manifest.json).
MARKERS = {"sos": ("version.txt", "sos_commands/", "sos_reports/"),
           "insights": ("insights_commands/", "branch_info"),
           "sosql": ("commands/", "files/")}

# Log sources in the order their copy of a duplicated event is kept: a line with
# an absolute syslog timestamp beats the same line in the journal or dmesg.
LOG_PRIORITY = ("messages", "syslog", "kern_log", "journal", "unit_journals", "kernel_journal",
                "dmesg", "boot_dmesg", "vmcore", "pstore")


def candidates(source, fmt):
    return getattr(source, fmt)


def matches(name):
    """Every (source, format, rank) whose candidate pattern matches member `name`: of each
    source and format, the first candidate that matches."""
    found = set()
    for prefix, match, source, fmt, rank in _patterns():
        if name.startswith(prefix) and (source.name, fmt) not in found and match(name):
            found.add((source.name, fmt))
            yield source, fmt, rank


@functools.lru_cache(maxsize=None)
def _patterns():
    """Every candidate pattern in catalog order, with the literal text it starts with: a member
    name is matched against the few patterns it can match, not against all of them."""
    return [(re.split(r"[*?[]", pattern, maxsplit=1)[0], re.compile(fnmatch.translate(pattern)).match,
             source, fmt, rank)
            for source in SOURCES for fmt in FORMATS for rank, pattern in enumerate(candidates(source, fmt))]


def tailed_matches(name):
    """sos keeps the tail of a file it cut in sos_strings/<plugin>/<path with / as .>.tailed;
    the sources whose sos candidates that flattened path matches."""
    if not (name.startswith("sos_strings/") and name.endswith(".tailed")):
        return
    flat = name.rsplit("/", 1)[-1][:-len(".tailed")]
    for source in SOURCES:
        for rank, pattern in enumerate(source.sos):
            if fnmatch.fnmatchcase(flat, pattern.replace("/", ".")):
                yield source, "sos", rank
                break
