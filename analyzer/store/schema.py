"""The table contract: every table sosql writes, its columns and what they hold.

Rules, reports and users' own SQL are written against these names, so they only
ever grow. `sosql tables` and `docs/tables.md` are generated from this module.
Adding a table or a column needs nothing more: an older store gains it (empty) when next opened
for writing, and reads it as empty before (store.py). Bump SCHEMA_VERSION only when a column
changes type or meaning, or goes: such a store cannot be read as it is.
"""
from typing import NamedTuple, Tuple

SCHEMA_VERSION = 4
# Tables kept as Parquet files in the store folder, read through a view (lines_files.py).
FILE_TABLES = ("log_lines",)


class Column(NamedTuple):
    name: str
    type: str
    doc: str


class Table(NamedTuple):
    name: str
    doc: str
    columns: Tuple[Column, ...]


def _table(name, doc, *columns):
    return Table(name, doc, tuple(Column(*c) for c in columns))


BUNDLE_ID = ("bundle_id", "VARCHAR", "Content hash of the bundle archive (or directory).")

TABLES = (
    _table(
        "bundles", "One row per loaded bundle: where it came from and when it was collected.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The archive or directory it was loaded from."),
        ("format", "VARCHAR", "'sosql' (our collector), 'sos' (sos report) or 'insights' (insights-client)."),
        ("format_version", "VARCHAR", "Bundle format version, or the sos version."),
        ("collected_at", "TIMESTAMP", "Collection time, node local time."),
        ("collected_at_utc", "TIMESTAMP", "Collection time in UTC, where known."),
        ("loaded_at", "TIMESTAMP", "When sosql loaded it (UTC)."),
        ("size_bytes", "BIGINT", "Size of the archive, or of the directory's files."),
        ("ts_year_inferred", "BOOLEAN", "True when the year of year-less log stamps (classic syslog, journal "
         "short format) was guessed because the collection time is unknown, false when the collection time "
         "gave it, NULL when the bundle has no such stamps."),
        ("ts_year_basis", "VARCHAR", "Where that year came from: 'collected_at' (not a guess), else "
         "'journal_header' (the journal's '-- Logs begin at ... end at' line), 'dated_lines' (the newest line "
         "of the bundle with a full date), 'file_mtime' (the archive's modification time of the logs), "
         "'kernel_build' (the running kernel's build date, a lower bound) or 'now' (the newest plausible year)."),
    ),
    _table(
        "hosts", "Facts about the node a bundle came from. Hostname is a column, never a key.",
        BUNDLE_ID,
        ("hostname", "VARCHAR", "Host name as the node reported it."),
        ("kernel_release", "VARCHAR", "uname -r, e.g. 3.10.0-693.el7.x86_64; without uname, from the "
         "kernel log's 'Linux version' line."),
        ("kernel_version", "VARCHAR", "uname -v, the build string (or the kernel log's)."),
        ("arch", "VARCHAR", "Machine architecture, e.g. x86_64 (without uname: from the kernel release's "
         "suffix where it has one, .x86_64, -amd64, .aarch64...)."),
        ("distro", "VARCHAR", "os-release PRETTY_NAME, else the release file's line (redhat-release, "
         "centos-release, system-release...), else lsb_release's description."),
        ("distro_id", "VARCHAR", "os-release ID, e.g. rhel, centos, ubuntu (from a release file or lsb_release: "
         "mapped to the same ids)."),
        ("distro_version", "VARCHAR", "os-release VERSION_ID, or the release file's / lsb_release's version."),
        ("virtualization", "VARCHAR", "Hypervisor or system vendor/product, where known."),
        ("boot_time", "TIMESTAMP", "When the node booted, node local time, where known."),
        ("uptime_s", "DOUBLE", "Seconds since boot at collection time."),
        ("tainted", "BIGINT", "/proc/sys/kernel/tainted: the kernel's taint bit mask."),
        ("taint_flags", "VARCHAR", "The taint bits as the kernel's letters, e.g. 'G O L' (P/G, F, S, R, M, B, U, D, A, W, C, I, O, E, L, K, X, T, N)."),
        ("timezone", "VARCHAR", "Time zone as timedatectl reports it, e.g. 'Asia/Shanghai (CST, +0800)'."),
        ("clock_synchronized", "BOOLEAN", "Whether the clock was synchronized (timedatectl, chronyc tracking, "
         "ntpstat, ntptime or ntpq -p, the first of these the bundle has)."),
        ("clock_source", "VARCHAR", "Which of those said so."),
        ("nameservers", "VARCHAR", "nameserver entries of /etc/resolv.conf, comma-separated ('' when none)."),
        ("search_domains", "VARCHAR", "search domains of /etc/resolv.conf, space-separated."),
        ("system_vendor", "VARCHAR", "dmidecode System Information Manufacturer, e.g. Dell Inc., QEMU."),
        ("system_product", "VARCHAR", "dmidecode System Information Product Name, e.g. PowerEdge R730xd."),
        ("bios_vendor", "VARCHAR", "dmidecode BIOS Information Vendor."),
        ("bios_version", "VARCHAR", "dmidecode BIOS Information Version."),
        ("cpu_model", "VARCHAR", "lscpu Model name, e.g. AMD EPYC 7502 32-Core Processor."),
        ("cpu_vendor", "VARCHAR", "lscpu Vendor ID: GenuineIntel, AuthenticAMD, ..."),
        ("cpus", "INTEGER", "lscpu CPU(s): logical processors."),
        ("sockets", "INTEGER", "lscpu Socket(s)."),
        ("cpu_hypervisor", "VARCHAR", "lscpu Hypervisor vendor, else hostnamectl Virtualization: NULL on a physical host."),
        ("kernel_cmdline", "VARCHAR", "/proc/cmdline: the running kernel's boot parameters."),
        ("grub_cmdline", "VARCHAR", "The parameters /etc/default/grub gives the next boot "
         "(GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT)."),
        ("load_1", "DOUBLE", "Load average over 1 minute (/proc/loadavg, or the uptime command's 'load average')."),
        ("load_5", "DOUBLE", "Load average over 5 minutes."),
        ("load_15", "DOUBLE", "Load average over 15 minutes."),
    ),
    _table(
        "sources", "For each bundle and logical source: what was found and how it went.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Logical source name from the catalog, e.g. uname, messages."),
        ("path", "VARCHAR", "Path of the member inside the bundle (NULL when missing)."),
        ("status", "VARCHAR", "parsed, missing, truncated or error."),
        ("returncode", "INTEGER", "Exit status of the command that produced it, where the bundle records it."),
        ("rows", "BIGINT", "Rows the parser produced."),
        ("bytes", "BIGINT", "Bytes read from the member (after decompression)."),
        ("message", "VARCHAR", "Why it was truncated or failed."),
    ),
    _table(
        "bundle_items", "What the collector ran and read (manifest.json items): one row per item.",
        BUNDLE_ID,
        ("kind", "VARCHAR", "'command' or 'file'."),
        ("path", "VARCHAR", "Member holding the data, NULL when nothing was stored."),
        ("command", "VARCHAR", "For commands: the argument vector, space-separated."),
        ("source", "VARCHAR", "For files: the path read on the node."),
        ("returncode", "INTEGER", "For commands: exit status; NULL if it did not run or was killed."),
        ("duration_s", "DOUBLE", "Seconds it took."),
        ("bytes", "BIGINT", "Bytes stored."),
        ("truncated", "BOOLEAN", "Cut to a size cap (the newest data kept)."),
        ("sha256", "VARCHAR", "SHA-256 of the stored bytes."),
        ("error", "VARCHAR", "Why it failed or is partial (not installed, permission denied, ...)."),
    ),
    _table(
        "log_lines", "Every line of dmesg, syslog/messages/kern.log (rotated too) and journals.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Logical source, e.g. messages, dmesg, journal."),
        ("path", "VARCHAR", "Member path inside the bundle."),
        ("line_no", "BIGINT", "1-based line number within the member."),
        ("ts", "TIMESTAMP", "Absolute time (node local) where derivable, else NULL."),
        ("ts_raw", "VARCHAR", "The timestamp exactly as written in the line."),
        ("uptime_s", "DOUBLE", "Kernel printk time in seconds since boot, where present."),
        ("hostname", "VARCHAR", "Host name written in the line (syslog formats)."),
        ("program", "VARCHAR", "Program (syslog tag), e.g. kernel, kubelet."),
        ("pid", "BIGINT", "Process id from the tag, where present."),
        ("message", "VARCHAR", "The message after the prefix."),
        ("raw", "VARCHAR", "The whole line as read."),
    ),
    _table(
        "events", "Classified kernel and service events found in log_lines, one per occurrence "
        "(the same line seen in dmesg and in syslog counts once).",
        BUNDLE_ID,
        ("kind", "VARCHAR", "Event kind, e.g. soft_lockup, kernel_panic, oom_kill."),
        ("severity", "VARCHAR", "critical, high, medium, low or info."),
        ("ts", "TIMESTAMP", "Absolute time (node local) where derivable."),
        ("uptime_s", "DOUBLE", "Seconds since boot, where the line carried it."),
        ("source", "VARCHAR", "Log source the event was taken from."),
        ("path", "VARCHAR", "Member path inside the bundle."),
        ("line_no", "BIGINT", "Line number in that member."),
        ("cpu", "INTEGER", "CPU number, where the line names one."),
        ("process", "VARCHAR", "Process name (comm), where named."),
        ("pid", "BIGINT", "Process id, where named."),
        ("seconds", "DOUBLE", "Seconds stuck or blocked, or a duration, where named."),
        ("device", "VARCHAR", "Device or interface, where named."),
        ("detail", "VARCHAR", "Further text the pattern pulled out (panic reason, ...)."),
        ("state", "VARCHAR", "New state, for state changes (keepalived MASTER/BACKUP/FAULT)."),
        ("message", "VARCHAR", "The log message."),
        ("raw", "VARCHAR", "The whole log line."),
    ),
    _table(
        "crashes", "Multi-line kernel crash reports (oops, panic, lockup, hung task, warning) with their "
        "call trace and a signature that groups the same bug across hosts and kernel builds.",
        BUNDLE_ID,
        ("kind", "VARCHAR", "oops, kernel_panic, soft_lockup, hard_lockup, hung_task, rcu_stall, kernel_warning, or call_trace (a stack dumped with no report header: medium)."),
        ("title", "VARCHAR", "The report's first line, e.g. 'BUG: unable to handle kernel NULL pointer dereference'."),
        ("ts", "TIMESTAMP", "Time of the first line, where derivable."),
        ("uptime_s", "DOUBLE", "Seconds since boot of the first line, where printed."),
        ("source", "VARCHAR", "Log source it was assembled from."),
        ("path", "VARCHAR", "Member path inside the bundle."),
        ("first_line", "BIGINT", "Line number where the report starts."),
        ("last_line", "BIGINT", "Line number where it ends."),
        ("process", "VARCHAR", "Comm of the task that crashed or hung."),
        ("pid", "BIGINT", "Its pid."),
        ("cpu", "INTEGER", "CPU it ran on."),
        ("tainted", "VARCHAR", "Taint letters printed in the report ('G L'), NULL when not tainted."),
        ("kernel_release", "VARCHAR", "Kernel release printed in the report."),
        ("hardware", "VARCHAR", "The 'Hardware name:' line."),
        ("frames", "VARCHAR[]", "Call trace functions in order, crash location first, offsets removed."),
        ("signature", "VARCHAR", "Hash of the first reliable, non-generic, normalized frames (or the title)."),
        ("raw", "VARCHAR", "The whole report as logged."),
    ),
    _table(
        "sysctls", "Kernel parameters as collected by sysctl -a.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Parameter, e.g. net.ipv4.ip_forward."),
        ("value", "VARCHAR", "Value as printed."),
    ),
    _table(
        "collection_problems", "What went wrong while the bundle was collected, from sos's own logs: "
        "a plugin that timed out left its files out.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The log that says so (sos_logs/ui.log, sos_logs/sos.log)."),
        ("line_no", "BIGINT", "Line number in it."),
        ("plugin", "VARCHAR", "The sos plugin (networking, kernel, ...)."),
        ("problem", "VARCHAR", "plugin_timeout (the plugin stopped) or command_timeout (one command did)."),
        ("detail", "VARCHAR", "The command that timed out."),
    ),
    _table(
        "advisories", "Security advisories imported with `sosql advisories` (OSV JSON: the ranges of "
        "package versions each advisory affects, per distribution release). Not per bundle.",
        ("id", "VARCHAR", "The advisory's id: USN-5252-1, RHSA-2022:0267, DSA-..., or a CVE."),
        ("aliases", "VARCHAR", "Other ids of it (CVEs), comma-separated."),
        ("ecosystem", "VARCHAR", "OSV ecosystem: 'Ubuntu:20.04:LTS', 'Debian:11', 'Red Hat:enterprise_linux:8::baseos'."),
        ("package", "VARCHAR", "Package name as the distribution's package manager knows it."),
        ("introduced", "VARCHAR", "First affected version ('0': every version before the fix)."),
        ("fixed", "VARCHAR", "First version with the fix; NULL when none yet."),
        ("severity", "VARCHAR", "As the advisory rates it, where given."),
        ("summary", "VARCHAR", "One line about it."),
        ("source", "VARCHAR", "The file it was imported from."),
    ),
    _table(
        "disk_health", "Each disk's own health verdict and error counters (smartctl -a / -H).",
        BUNDLE_ID,
        ("device", "VARCHAR", "The disk: sda, nvme0n1 (from the command's file name)."),
        ("model", "VARCHAR", "Device Model, Model Number or Product."),
        ("health", "VARCHAR", "The verdict as printed: PASSED, OK, FAILED, FAILURE PREDICTION THRESHOLD EXCEEDED."),
        ("failing", "BOOLEAN", "A verdict other than PASSED or OK, or an attribute FAILING_NOW."),
        ("reallocated", "BIGINT", "Reallocated_Sector_Ct raw value."),
        ("pending", "BIGINT", "Current_Pending_Sector raw value: sectors waiting to be remapped."),
        ("uncorrectable", "BIGINT", "Offline_Uncorrectable raw value."),
    ),
    _table(
        "bcache_settings", "bcache tunables from sysfs: backing devices' cache_mode, cache sets' congestion thresholds.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The sysfs file in the bundle."),
        ("device", "VARCHAR", "bcacheN for a backing device, the cache set's uuid for a set."),
        ("name", "VARCHAR", "The setting: cache_mode, congested_read_threshold_us, congested_write_threshold_us."),
        ("value", "VARCHAR", "Its value; of a list of choices, the current one (the one in brackets)."),
    ),
    _table(
        "rsyslog_files", "The files rsyslog reads (imfile inputs) and writes (file actions), from its configuration.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The configuration file (etc/rsyslog.conf, etc/rsyslog.d/*.conf)."),
        ("line_no", "BIGINT", "Line number in it."),
        ("direction", "VARCHAR", "reads or writes."),
        ("file", "VARCHAR", "The log file named."),
    ),
    _table(
        "sysctl_config", "Kernel parameters as configured in /etc/sysctl.conf and the sysctl.d folders, "
        "a row per setting line (which file wins: the sysctl_config_drift rule).",
        BUNDLE_ID,
        ("path", "VARCHAR", "The file, relative to the bundle root (etc/sysctl.d/50-x.conf)."),
        ("line_no", "BIGINT", "Line number in it."),
        ("name", "VARCHAR", "Parameter, '/' written as '.'."),
        ("value", "VARCHAR", "Value, whitespace collapsed as in sysctls."),
    ),
    # The kernel's counter files: one table per file where rules need to know which file a bundle
    # lacks (`requires` works per table); the /proc/net MIB files come together in every layout
    # and share one long table, their hundreds of fields changing with the kernel version.
    _table(
        "meminfo", "/proc/meminfo: memory sizes, one row per line.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Field as printed: MemTotal, MemAvailable, SwapTotal, HugePages_Total, Active(anon)..."),
        ("value", "DOUBLE", "The number as printed: kB, or pages for HugePages_* (Hugepagesize is in kB)."),
    ),
    _table(
        "vmstat", "/proc/vmstat: virtual memory counters, most of them since boot.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Counter, e.g. compact_stall, compact_fail, pgscan_direct, pswpout."),
        ("value", "DOUBLE", "Its value (pages or events)."),
    ),
    _table(
        "buddyinfo", "/proc/buddyinfo: free memory blocks per NUMA node, zone and order.",
        BUNDLE_ID,
        ("node", "INTEGER", "NUMA node."),
        ("zone", "VARCHAR", "Memory zone: DMA, DMA32, Normal, HighMem, Movable."),
        ("block_order", "INTEGER", "The block size's order: 2^order pages, so order 4 is 16 pages (64 KiB with "
         "4 KiB pages)."),
        ("free_blocks", "BIGINT", "Free blocks of that order."),
    ),
    _table(
        "net_counters", "The kernel's network counters, one row per number: /proc/net/netstat and snmp "
        "(MIB counters since boot), sockstat (sockets and their buffer memory now), softnet_stat "
        "(per-CPU receive counters since boot), and dev (per-interface counters since it came up). One long "
        "table: the first four files come together in every bundle layout and their hundreds of fields change "
        "with the kernel version; whether dev was collected is in sources (net_dev). meminfo, vmstat, "
        "buddyinfo and netlink_sockets are tables of their own so that a rule needing one of them is "
        "reported not_evaluated, not passed, on a bundle without that file.",
        BUNDLE_ID,
        ("file", "VARCHAR", "netstat, snmp, sockstat, softnet_stat, dev, or ethtool (ethtool -S, the driver's "
         "counters)."),
        ("section", "VARCHAR", "The line's prefix ('TcpExt', 'IpExt', 'Udp', 'Tcp', 'TCP', 'sockets'), or the CPU "
         "for softnet_stat ('cpu3'), the interface for dev and ethtool ('eth0')."),
        ("name", "VARCHAR", "Field as printed (IPReversePathFilter, InErrors, mem), for softnet_stat processed, "
         "dropped, time_squeeze, received_rps or flow_limit_count, for dev rx_/tx_ and the header's name "
         "(rx_errs, rx_drop, tx_errs, tx_drop...)."),
        ("value", "DOUBLE", "The number (sockstat mem: pages; softnet_stat: converted from hexadecimal)."),
    ),
    _table(
        "netlink_sockets", "/proc/net/netlink: open netlink sockets and the messages each dropped.",
        BUNDLE_ID,
        ("protocol", "BIGINT", "Netlink protocol (the Eth column): 0 route, 4 sock_diag, 9 audit, 15 uevent..."),
        ("pid", "BIGINT", "Port id: the owning process's pid for its first socket, 0 for the kernel's own."),
        ("rmem", "BIGINT", "Bytes queued for reading."),
        ("wmem", "BIGINT", "Bytes queued for writing."),
        ("drops", "BIGINT", "Messages dropped because the receive buffer was full."),
        ("inode", "BIGINT", "Socket inode (NULL on kernels that do not print it)."),
    ),
    _table(
        "iptables_chains", "Firewall chains, from iptables-save, the iptables -nvL listings sos "
        "collects, or nft list ruleset: the same meaning whichever format they came from.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from, e.g. iptables_save, iptables_filter, nft_ruleset."),
        ("family", "VARCHAR", "ipv4, ipv6 (nft ip, ip6 too), or nft inet, arp, bridge, netdev."),
        ("table", "VARCHAR", "filter, nat, mangle, raw, security, or the nft table name."),
        ("chain", "VARCHAR", "Chain name."),
        ("policy", "VARCHAR", "Policy of a built-in chain (ACCEPT, DROP), NULL for user chains."),
        ("packets", "BIGINT", "Policy packet counter, where shown."),
        ("bytes", "BIGINT", "Policy byte counter, where shown."),
        ("references", "INTEGER", "References to a user chain (listings only)."),
        ("backend", "VARCHAR", "legacy or nft where the source says, else NULL."),
    ),
    _table(
        "iptables_rules", "Firewall rules in chain order, whichever format they came from.",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from."),
        ("family", "VARCHAR", "As in iptables_chains."),
        ("table", "VARCHAR", "As in iptables_chains."),
        ("chain", "VARCHAR", "Chain the rule is in."),
        ("position", "INTEGER", "1-based position in its chain."),
        ("target", "VARCHAR", "Jump target or verdict (ACCEPT, DROP, RETURN, a chain name...), NULL for none."),
        ("protocol", "VARCHAR", "Protocol matched (tcp, udp, all...), where given."),
        ("in_iface", "VARCHAR", "Input interface matched ('!' negates), where given."),
        ("out_iface", "VARCHAR", "Output interface matched, where given."),
        ("src", "VARCHAR", "Source address matched, where given."),
        ("dst", "VARCHAR", "Destination address matched, where given."),
        ("match", "VARCHAR", "The rest of the match (modules, ports, states...) as text."),
        ("comment", "VARCHAR", "The rule's comment, where it has one."),
        ("packets", "BIGINT", "Packet counter, where shown."),
        ("bytes", "BIGINT", "Byte counter, where shown."),
        ("rule", "VARCHAR", "The rule as written in its source."),
        ("backend", "VARCHAR", "legacy or nft where the source says, else NULL."),
    ),
    _table(
        "links", "Network interfaces, from ip link (-d, -s, -o variants).",
        BUNDLE_ID,
        ("ifindex", "INTEGER", "Interface index."),
        ("name", "VARCHAR", "Interface name, e.g. flannel.1."),
        ("peer", "VARCHAR", "What follows @ in the name (veth peer, vlan parent), where shown."),
        ("kind", "VARCHAR", "Link kind from the details line: veth, bridge, vxlan, bond, vlan, ... ; NULL for plain devices."),
        ("master", "VARCHAR", "Bridge or bond it is enslaved to."),
        ("mtu", "INTEGER", "MTU."),
        ("state", "VARCHAR", "Operational state: UP, DOWN, UNKNOWN..."),
        ("flags", "VARCHAR", "Flags between < >, e.g. BROADCAST,MULTICAST,UP,LOWER_UP."),
        ("mac", "VARCHAR", "Link-layer address."),
        ("vxlan_id", "INTEGER", "VXLAN VNI, for vxlan links."),
        ("vxlan_local", "VARCHAR", "VXLAN local address."),
        ("vxlan_dev", "VARCHAR", "VXLAN underlying device."),
        ("vxlan_port", "INTEGER", "VXLAN destination port."),
        ("details", "VARCHAR", "The detail lines (-d) as text."),
    ),
    _table(
        "addresses", "IP addresses of interfaces, from ip addr (-d, -o variants).",
        BUNDLE_ID,
        ("ifindex", "INTEGER", "Interface index."),
        ("ifname", "VARCHAR", "Interface name."),
        ("family", "VARCHAR", "inet or inet6."),
        ("address", "VARCHAR", "Address without prefix length."),
        ("prefixlen", "INTEGER", "Prefix length."),
        ("scope", "VARCHAR", "global, link, host..."),
        ("broadcast", "VARCHAR", "Broadcast address, where given."),
        ("label", "VARCHAR", "Address label (alias), where given."),
    ),
    _table(
        "docker_info", "The container engine's own report (docker info, JSON or text).",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from."),
        ("server_version", "VARCHAR", "Engine version."),
        ("storage_driver", "VARCHAR", "overlay2, devicemapper, ..."),
        ("backing_filesystem", "VARCHAR", "Filesystem under the storage driver (xfs, extfs...)."),
        ("supports_d_type", "BOOLEAN", "Whether the backing filesystem supports d_type."),
        ("data_loop_file", "VARCHAR", "devicemapper's loop-mounted data file, where it uses one."),
        ("cgroup_driver", "VARCHAR", "cgroupfs or systemd."),
        ("logging_driver", "VARCHAR", "json-file, journald, ..."),
        ("kernel_version", "VARCHAR", "Kernel the engine reports."),
        ("operating_system", "VARCHAR", "OS the engine reports."),
        ("docker_root_dir", "VARCHAR", "Docker root dir."),
        ("runtimes", "VARCHAR", "Runtimes, comma-separated."),
        ("default_runtime", "VARCHAR", "Default runtime."),
        ("warnings", "VARCHAR", "WARNING lines, newline-separated."),
    ),
    _table(
        "modules", "Loaded kernel modules (lsmod or /proc/modules).",
        BUNDLE_ID,
        ("name", "VARCHAR", "Module name."),
        ("size", "BIGINT", "Size in bytes."),
        ("used_by_count", "INTEGER", "Reference count."),
        ("used_by", "VARCHAR", "Modules using it, comma-separated."),
        ("state", "VARCHAR", "Live, Loading, Unloading (/proc/modules only)."),
        ("taint", "VARCHAR", "The module's taint letters, e.g. OE (/proc/modules only)."),
    ),
    _table(
        "packages", "Installed packages (rpm -qa, sos installed-rpms, dpkg -l, dpkg-query).",
        BUNDLE_ID,
        ("manager", "VARCHAR", "rpm or dpkg."),
        ("name", "VARCHAR", "Package name."),
        ("epoch", "VARCHAR", "Epoch, where given."),
        ("version", "VARCHAR", "Version."),
        ("release", "VARCHAR", "Release (rpm), NULL for dpkg."),
        ("arch", "VARCHAR", "Architecture."),
    ),
    _table(
        "processes", "Running processes with their full command lines (ps).",
        BUNDLE_ID,
        ("user", "VARCHAR", "User (or UID)."),
        ("pid", "BIGINT", "Process id."),
        ("ppid", "BIGINT", "Parent process id, where ps showed it."),
        ("cpu_pct", "DOUBLE", "%CPU, where shown."),
        ("mem_pct", "DOUBLE", "%MEM, where shown."),
        ("vsz", "BIGINT", "Virtual size, KiB."),
        ("rss", "BIGINT", "Resident size, KiB."),
        ("stat", "VARCHAR", "Process state."),
        ("start", "VARCHAR", "Start time as printed."),
        ("command", "VARCHAR", "The full command line."),
        ("program", "VARCHAR", "The program's base name, e.g. kube-controller-manager."),
    ),
    _table(
        "filesystems", "Mounted filesystems' space and inodes (df -al, df -ali): a row per filesystem and unit.",
        BUNDLE_ID,
        ("filesystem", "VARCHAR", "The device or pseudo filesystem, e.g. /dev/vda1, tmpfs, overlay."),
        ("mountpoint", "VARCHAR", "Where it is mounted."),
        ("unit", "VARCHAR", "bytes (df -al) or inodes (df -ali)."),
        ("size", "BIGINT", "Total bytes or inodes; NULL where df printed '-'."),
        ("used", "BIGINT", "Bytes or inodes used."),
        ("available", "BIGINT", "Bytes or inodes left to unprivileged users."),
        ("used_pct", "DOUBLE", "df's Use% or IUse% (rounded up by df); NULL for pseudo filesystems ('-')."),
    ),
    _table(
        "mounts", "What is mounted where (/proc/mounts, or the mount command's text).",
        BUNDLE_ID,
        ("device", "VARCHAR", "The mounted device or source, e.g. /dev/vda1, overlay, server:/export."),
        ("mountpoint", "VARCHAR", "Where."),
        ("fstype", "VARCHAR", "Filesystem type: ext4, xfs, nfs4, overlay, tmpfs..."),
        ("options", "VARCHAR", "Mount options, comma-separated (ro, rw, relatime...)."),
    ),
    _table(
        "units", "systemd units and their state (systemctl list-units --all; a failed unit shows even "
        "without --all).",
        BUNDLE_ID,
        ("unit", "VARCHAR", "Unit name, e.g. kubelet.service."),
        ("load", "VARCHAR", "loaded, not-found, masked, error."),
        ("active", "VARCHAR", "active, inactive, failed, activating..."),
        ("sub", "VARCHAR", "The type's own state: running, exited, dead, failed, mounted..."),
        ("description", "VARCHAR", "The unit's description."),
    ),
    _table(
        "routes", "IP routes of every routing table (ip route show table all; ip -6 ...; plain ip route: "
        "main only).",
        BUNDLE_ID,
        ("family", "VARCHAR", "inet or inet6 (from the addresses; a route naming none is inet)."),
        ("route_table", "VARCHAR", "Routing table: main, local, or a number or name."),
        ("type", "VARCHAR", "unicast, local, broadcast, multicast, unreachable, blackhole, prohibit..."),
        ("destination", "VARCHAR", "Prefix, or 'default'."),
        ("gateway", "VARCHAR", "Next hop (via), the first one of a multipath route."),
        ("dev", "VARCHAR", "Output device."),
        ("protocol", "VARCHAR", "Who installed it: kernel, boot, static, dhcp, bird..."),
        ("scope", "VARCHAR", "link, host, global (NULL: global)."),
        ("src", "VARCHAR", "Preferred source address."),
        ("metric", "BIGINT", "Metric."),
        ("route", "VARCHAR", "The route as printed."),
    ),
    _table(
        "listeners", "TCP and UDP sockets waiting for connections or datagrams (ss -tulpn; sos's ss -peaonmi).",
        BUNDLE_ID,
        ("protocol", "VARCHAR", "tcp, udp or sctp."),
        ("state", "VARCHAR", "LISTEN (tcp, sctp) or UNCONN (udp)."),
        ("address", "VARCHAR", "Local address listened on: 0.0.0.0, ::, * (any), or one address."),
        ("port", "INTEGER", "Local port."),
        ("process", "VARCHAR", "The owning process's name, where ss could tell (-p, as root)."),
        ("pid", "BIGINT", "Its pid."),
    ),
    _table(
        "pressure", "Pressure stall information (/proc/pressure/cpu, memory, io; kernel 4.20+).",
        BUNDLE_ID,
        ("resource", "VARCHAR", "cpu, memory or io."),
        ("scope", "VARCHAR", "some (at least one task stalled) or full (all non-idle tasks stalled)."),
        ("avg10", "DOUBLE", "Share of the last 10 s stalled, %."),
        ("avg60", "DOUBLE", "Share of the last 60 s stalled, %."),
        ("avg300", "DOUBLE", "Share of the last 5 minutes stalled, %."),
        ("total_us", "BIGINT", "Total stall time since boot, microseconds."),
    ),
    _table(
        "kubelet_config", "kubelet's settings: config.yaml keys (nested keys dotted), the flags of "
        "/etc/sysconfig/kubelet, /etc/default/kubelet and kubeadm-flags.env, and the flags of the running "
        "kubelet's command line (from processes).",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from: kubelet_config, or processes for the command line."),
        ("file", "VARCHAR", "The file's name: config.yaml, kubelet, kubeadm-flags.env; 'command line'."),
        ("name", "VARCHAR", "Key (failSwapOn, evictionHard.memory.available) or flag (--fail-swap-on)."),
        ("value", "VARCHAR", "Its value as written; a list's items comma-separated; a bare flag 'true'."),
    ),
    _table(
        "block_devices", "Block devices and how they stack (lsblk): disks, partitions, LVM volumes, multipath "
        "maps, loop devices.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Device name as lsblk prints it (sda1, centos-root, mpatha)."),
        ("kname", "VARCHAR", "Kernel name (dm-0); the name where lsblk did not print KNAME."),
        ("parent", "VARCHAR", "The device it sits on (the tree's parent, or PKNAME), NULL for a disk."),
        ("maj_min", "VARCHAR", "Major:minor device number."),
        ("type", "VARCHAR", "disk, part, lvm, mpath, crypt, raid1, loop, rom..."),
        ("size_bytes", "BIGINT", "Size in bytes (exact with lsblk -b, else from its rounded 40G, 61.9M)."),
        ("ro", "BOOLEAN", "Read-only."),
        ("rm", "BOOLEAN", "Removable."),
        ("rota", "BOOLEAN", "Rotational (a spinning disk), where listed."),
        ("fstype", "VARCHAR", "Filesystem or signature on it (xfs, LVM2_member, swap), where listed."),
        ("mountpoint", "VARCHAR", "Where it is mounted ([SWAP] for swap), NULL when not."),
        ("model", "VARCHAR", "Disk model, where listed."),
    ),
    _table(
        "partitions", "/proc/partitions: every block device the kernel knows and its size.",
        BUNDLE_ID,
        ("major", "INTEGER", "Major device number."),
        ("minor", "INTEGER", "Minor device number."),
        ("size_bytes", "BIGINT", "Size in bytes (the file's 1 KiB blocks)."),
        ("name", "VARCHAR", "Kernel name: sda, sda1, dm-0, nvme0n1p1."),
    ),
    _table(
        "multipath", "multipath -ll: one row per path of each multipath map, with the map's and the path's state.",
        BUNDLE_ID,
        ("map", "VARCHAR", "Map name (alias such as mpatha, or the WWID)."),
        ("wwid", "VARCHAR", "The map's WWID."),
        ("dm", "VARCHAR", "Its device-mapper device, dm-N."),
        ("vendor_product", "VARCHAR", "Storage vendor and product, e.g. 'HP,HSV450'."),
        ("size_bytes", "BIGINT", "Map size in bytes (from size=100G)."),
        ("group_status", "VARCHAR", "Status of the path group: active, enabled, disabled."),
        ("hctl", "VARCHAR", "SCSI host:channel:target:lun of the path."),
        ("device", "VARCHAR", "The path's device, e.g. sdb."),
        ("maj_min", "VARCHAR", "The path's major:minor."),
        ("dm_state", "VARCHAR", "The kernel's view of the path: active or failed."),
        ("path_state", "VARCHAR", "multipathd's checker: ready, faulty, ghost, shaky, i/o pending..."),
        ("online", "VARCHAR", "The SCSI device state: running, offline...; NULL in the old bracketed form."),
    ),
    _table(
        "iscsi_sessions", "iSCSI sessions of the initiator (iscsiadm -m session, or -P 3 as sos runs it).",
        BUNDLE_ID,
        ("transport", "VARCHAR", "tcp, iser..."),
        ("sid", "BIGINT", "Session id."),
        ("target", "VARCHAR", "Target IQN."),
        ("portal", "VARCHAR", "Portal address:port."),
        ("tpgt", "BIGINT", "Target portal group tag."),
        ("connection_state", "VARCHAR", "iSCSI Connection State (-P 3 only): LOGGED IN, FAILED, ..."),
        ("session_state", "VARCHAR", "iSCSI Session State (-P 3 only): LOGGED_IN, FAILED, FREE..."),
        ("disks", "VARCHAR", "SCSI disks attached through it, comma-separated (-P 3 only)."),
    ),
    _table(
        "unit_files", "Installed systemd unit files and whether they start at boot (systemctl list-unit-files).",
        BUNDLE_ID,
        ("unit", "VARCHAR", "Unit file name, e.g. kubelet.service."),
        ("state", "VARCHAR", "enabled, disabled, static, masked, indirect, generated, alias..."),
        ("vendor_preset", "VARCHAR", "The distribution's preset (enabled, disabled), NULL where not printed."),
    ),
    _table(
        "unit_properties", "Properties of systemd units (systemctl show): state, result, restarts, main process "
        "status, memory, where the unit and its drop-ins come from. Ours: kubelet, docker, containerd, etcd and "
        "crio; sos: every service (systemctl show service --all); insights: the few units it asks about.",
        BUNDLE_ID,
        ("unit", "VARCHAR", "The unit (its Id), e.g. kubelet.service."),
        ("name", "VARCHAR", "Property: ActiveState, SubState, Result, NRestarts, ExecMainStatus, MemoryCurrent, "
         "FragmentPath, DropInPaths, Environment..."),
        ("value", "VARCHAR", "As systemctl printed it; NULL for '[not set]' or empty."),
    ),
    _table(
        "ip_rules", "Policy routing rules (ip rule, ip -6 rule), the host's and, in sos, each network namespace's.",
        BUNDLE_ID,
        ("namespace", "VARCHAR", "Network namespace (sos's ip netns exec NS), NULL for the host's own."),
        ("family", "VARCHAR", "inet or inet6."),
        ("priority", "BIGINT", "Rule priority: lower is tried first."),
        ("src", "VARCHAR", "from: source prefix or 'all'."),
        ("dst", "VARCHAR", "to: destination prefix, where given."),
        ("iif", "VARCHAR", "Input interface matched, where given."),
        ("oif", "VARCHAR", "Output interface matched, where given."),
        ("fwmark", "VARCHAR", "Firewall mark matched (value/mask), where given."),
        ("lookup", "VARCHAR", "Routing table consulted: local, main, default, or a number or name."),
        ("action", "VARCHAR", "lookup, goto, nop, blackhole, unreachable, prohibit."),
        ("rule", "VARCHAR", "The rule as printed after its priority."),
    ),
    _table(
        "bonding", "Bonded interfaces (/proc/net/bonding/*): the bond's mode and state, one row per slave.",
        BUNDLE_ID,
        ("bond", "VARCHAR", "Bond interface, e.g. bond0."),
        ("mode", "VARCHAR", "Bonding Mode, e.g. 'fault-tolerance (active-backup)', 'IEEE 802.3ad Dynamic link "
         "aggregation'."),
        ("bond_mii_status", "VARCHAR", "The bond's MII Status: up or down."),
        ("active_slave", "VARCHAR", "Currently Active Slave (active-backup), NULL otherwise."),
        ("slave", "VARCHAR", "Slave interface, NULL for a bond without slaves."),
        ("slave_mii_status", "VARCHAR", "The slave's MII Status: up, down, going back..."),
        ("speed_mbps", "BIGINT", "The slave's speed in Mb/s, NULL when Unknown."),
        ("duplex", "VARCHAR", "full, half, Unknown."),
        ("link_failure_count", "BIGINT", "How often the slave's link went down since the bond came up."),
        ("hw_addr", "VARCHAR", "The slave's permanent MAC address."),
        ("aggregator_id", "BIGINT", "802.3ad aggregator the slave is in (slaves of a working LACP bond share one)."),
    ),
    _table(
        "netns_iptables_chains", "Firewall chains of each network namespace (sos's ip netns exec NS "
        "iptables-save): the columns of iptables_chains and the namespace, kept apart from the host's.",
        BUNDLE_ID,
        ("namespace", "VARCHAR", "Network namespace, e.g. qrouter-984c22fd-..., cni-1a2b..."),
        ("source", "VARCHAR", "Catalog source it came from."),
        ("family", "VARCHAR", "ipv4 or ipv6."),
        ("table", "VARCHAR", "filter, nat, mangle, raw, security."),
        ("chain", "VARCHAR", "Chain name."),
        ("policy", "VARCHAR", "Policy of a built-in chain, NULL for user chains."),
        ("packets", "BIGINT", "Policy packet counter, where shown."),
        ("bytes", "BIGINT", "Policy byte counter, where shown."),
        ("references", "INTEGER", "Always NULL (iptables-save does not print it)."),
        ("backend", "VARCHAR", "legacy or nft where the dump's header says, else NULL."),
    ),
    _table(
        "netns_iptables_rules", "Firewall rules of each network namespace, in chain order: the columns of "
        "iptables_rules and the namespace.",
        BUNDLE_ID,
        ("namespace", "VARCHAR", "Network namespace."),
        ("source", "VARCHAR", "Catalog source it came from."),
        ("family", "VARCHAR", "As in iptables_rules."),
        ("table", "VARCHAR", "As in iptables_rules."),
        ("chain", "VARCHAR", "Chain the rule is in."),
        ("position", "INTEGER", "1-based position in its chain."),
        ("target", "VARCHAR", "Jump target or verdict, NULL for none."),
        ("protocol", "VARCHAR", "Protocol matched, where given."),
        ("in_iface", "VARCHAR", "Input interface matched, where given."),
        ("out_iface", "VARCHAR", "Output interface matched, where given."),
        ("src", "VARCHAR", "Source address matched, where given."),
        ("dst", "VARCHAR", "Destination address matched, where given."),
        ("match", "VARCHAR", "The rest of the match as text."),
        ("comment", "VARCHAR", "The rule's comment, where it has one."),
        ("packets", "BIGINT", "Packet counter, where shown (iptables-save -c)."),
        ("bytes", "BIGINT", "Byte counter, where shown."),
        ("rule", "VARCHAR", "The rule as written."),
        ("backend", "VARCHAR", "legacy or nft where known."),
    ),
    _table(
        "container_runtime", "Container runtimes other than docker (docker_info has docker): podman info and "
        "crictl info (containerd, CRI-O), one row per tool that answered.",
        BUNDLE_ID,
        ("tool", "VARCHAR", "'podman info' or 'crictl info'."),
        ("runtime", "VARCHAR", "podman, containerd (crictl info with a containerd config), or cri (another CRI "
         "runtime, e.g. CRI-O)."),
        ("version", "VARCHAR", "Runtime version, where the output gives it (podman 2+)."),
        ("storage_driver", "VARCHAR", "Storage driver or snapshotter: overlay, overlayfs, devmapper, vfs..."),
        ("storage_root", "VARCHAR", "Where images and containers are stored (podman's graphRoot)."),
        ("cgroup_driver", "VARCHAR", "systemd or cgroupfs (podman's cgroupManager; containerd's runc "
         "SystemdCgroup)."),
        ("cgroup_version", "VARCHAR", "v1 or v2 (podman)."),
        ("oci_runtime", "VARCHAR", "The OCI runtime it starts containers with: runc, crun..."),
        ("network_ready", "BOOLEAN", "crictl info's NetworkReady condition: false when the CNI plugin is not "
         "initialized."),
        ("network_message", "VARCHAR", "Its reason and message when not ready."),
    ),
    _table(
        "cni_configs", "CNI network configurations (/etc/cni/net.d/*): one row per plugin of each file, in "
        "chain order.",
        BUNDLE_ID,
        ("file", "VARCHAR", "File name, e.g. 10-flannel.conflist (the runtime uses the first valid one in name "
         "order)."),
        ("network", "VARCHAR", "The network's name."),
        ("cni_version", "VARCHAR", "cniVersion."),
        ("position", "INTEGER", "1-based position of the plugin in the file's chain (1 for a single .conf)."),
        ("type", "VARCHAR", "Plugin type: flannel, calico, bridge, portmap, cilium-cni, weave-net..."),
        ("ipam_type", "VARCHAR", "Its IPAM plugin (host-local, calico-ipam...), where it has one."),
        ("subnet", "VARCHAR", "IPAM subnet (ipam.subnet or the first range), where given."),
        ("config", "VARCHAR", "The plugin's configuration as JSON."),
    ),
    _table(
        "sar", "System activity history from text sar files (sysstat's sarDD, or sos's conversion of saDD): one "
        "row per number, section and sample time.",
        BUNDLE_ID,
        ("section", "VARCHAR", "cpu (all CPUs), memory, swap, paging, swapping, queue (run queue and load), io, "
         "dev (packets per interface) or edev (errors and drops per interface)."),
        ("ts", "TIMESTAMP", "Sample time, node local time (the file's day and the line's time)."),
        ("item", "VARCHAR", "The interface for dev and edev, 'all' for cpu, NULL for the others."),
        ("name", "VARCHAR", "Column as sar prints it: %user, %iowait, %memused, %commit, pgscand/s, ldavg-1, "
         "rxerr/s, rxdrop/s..."),
        ("value", "DOUBLE", "The number."),
    ),
    _table(
        "load_errors", "What could not be loaded and why: one row per problem.",
        ("bundle_id", "VARCHAR", "Bundle id when it could be computed, else NULL."),
        ("path", "VARCHAR", "The archive or directory given to load."),
        ("member", "VARCHAR", "Member inside the bundle, when the problem is one member."),
        ("error", "VARCHAR", "One-line description of the problem."),
        ("occurred_at", "TIMESTAMP", "When it happened (UTC)."),
    ),
    _table(
        "findings", "What the rules found: one row per finding.",
        ("bundle_id", "VARCHAR", "The bundle, or NULL for a fleet-level finding."),
        ("rule_id", "VARCHAR", "The rule's id (its file name without .sql)."),
        ("severity", "VARCHAR", "critical, high, medium, low or info."),
        ("title", "VARCHAR", "The rule's one-line title."),
        ("evidence", "VARCHAR", "The lines, values or rules that show the problem."),
        ("details", "JSON", "Any other columns the rule returned."),
        ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ),
    _table(
        "rule_runs", "How each rule went for each bundle: fired, passed, not_evaluated (the data it needs "
        "is not in the bundle) or error.",
        ("bundle_id", "VARCHAR", "The bundle, or NULL for a fleet-level rule."),
        ("rule_id", "VARCHAR", "The rule's id."),
        ("status", "VARCHAR", "fired, passed, not_evaluated or error."),
        ("findings", "INTEGER", "Findings it produced for the bundle."),
        ("message", "VARCHAR", "Why it was not evaluated, or the error."),
        ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ),
    _table(
        "parquet_files", "The Parquet files of the tables kept as files (log_lines): one row per file, "
        "listed in the same transaction as the bundle's other rows. Other engines (DuckDB, Spark, Polars, "
        "pyarrow) can read the files directly.",
        BUNDLE_ID,
        ("table_name", "VARCHAR", "The table the file holds rows of, e.g. log_lines."),
        ("file", "VARCHAR", "Path inside the store folder, e.g. log_lines/bundle_id=<id>/<name>.parquet."),
        ("rows", "BIGINT", "Rows in the file."),
        ("bytes", "BIGINT", "Size of the file."),
    ),
    _table(
        "meta", "Store bookkeeping: schema version and the like.",
        ("key", "VARCHAR", "Setting name."),
        ("value", "VARCHAR", "Setting value."),
    ),
)

BY_NAME = {t.name: t for t in TABLES}


def create_statements(skip=()):
    """CREATE TABLE statements for every table but those in `skip`, in contract order."""
    for table in TABLES:
        if table.name in skip:
            continue
        cols = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
        yield f'CREATE TABLE IF NOT EXISTS "{table.name}" ({cols})'


def column_names(table_name):
    return [c.name for c in BY_NAME[table_name].columns]


# What the loader itself fills in on every row of a parser's table (load/ingest.py).
LOADER_COLUMNS = ("bundle_id", "source")


def arrow_type(duckdb_type):
    """The pyarrow type a parser builds a column of `duckdb_type` with."""
    import pyarrow as pa
    if duckdb_type.endswith("[]"):
        return pa.list_(arrow_type(duckdb_type[:-2]))
    return {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}[duckdb_type]


def arrow_table(table_name, rows):
    """A parser's rows (dicts) as a pyarrow Table with the contract's columns and types, so a
    parser never writes a type again; a key a row lacks is NULL, and the loader's columns
    (bundle_id; source, the catalog's name) are left to the loader unless the rows give them.

        >>> arrow_table("listeners", [{"protocol": "tcp", "port": 22}]).slice(0, 1).to_pylist()[0]["port"]
        22
    """
    import pyarrow as pa
    given = {key for row in rows for key in row}
    columns = [c for c in BY_NAME[table_name].columns if c.name not in LOADER_COLUMNS or c.name in given]
    return pa.table({c.name: pa.array([row.get(c.name) for row in rows], arrow_type(c.type)) for c in columns})
