"""The kernel, memory, packages and services of the node."""
from sosql.store.schema.table import BUNDLE_ID, table

TABLES = (
    table(
        "sysctls", "Kernel parameters as collected by sysctl -a.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Parameter, e.g. net.ipv4.ip_forward."),
        ("value", "VARCHAR", "Value as printed."),
    ),
    table(
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
    table(
        "meminfo", "/proc/meminfo: memory sizes, one row per line.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Field as printed: MemTotal, MemAvailable, SwapTotal, HugePages_Total, Active(anon)..."),
        ("value", "DOUBLE", "The number as printed: kB, or pages for HugePages_* (Hugepagesize is in kB)."),
    ),
    table(
        "vmstat", "/proc/vmstat: virtual memory counters, most of them since boot.",
        BUNDLE_ID,
        ("name", "VARCHAR", "Counter, e.g. compact_stall, compact_fail, pgscan_direct, pswpout."),
        ("value", "DOUBLE", "Its value (pages or events)."),
    ),
    table(
        "buddyinfo", "/proc/buddyinfo: free memory blocks per NUMA node, zone and order.",
        BUNDLE_ID,
        ("node", "INTEGER", "NUMA node."),
        ("zone", "VARCHAR", "Memory zone: DMA, DMA32, Normal, HighMem, Movable."),
        ("block_order", "INTEGER", "The block size's order: 2^order pages, so order 4 is 16 pages (64 KiB with "
         "4 KiB pages)."),
        ("free_blocks", "BIGINT", "Free blocks of that order."),
    ),
    table(
        "pressure", "Pressure stall information (/proc/pressure/cpu, memory, io; kernel 4.20+).",
        BUNDLE_ID,
        ("resource", "VARCHAR", "cpu, memory or io."),
        ("scope", "VARCHAR", "some (at least one task stalled) or full (all non-idle tasks stalled)."),
        ("avg10", "DOUBLE", "Share of the last 10 s stalled, %."),
        ("avg60", "DOUBLE", "Share of the last 60 s stalled, %."),
        ("avg300", "DOUBLE", "Share of the last 5 minutes stalled, %."),
        ("total_us", "BIGINT", "Total stall time since boot, microseconds."),
    ),
    table(
        "modules", "Loaded kernel modules (lsmod or /proc/modules).",
        BUNDLE_ID,
        ("name", "VARCHAR", "Module name."),
        ("size", "BIGINT", "Size in bytes."),
        ("used_by_count", "INTEGER", "Reference count."),
        ("used_by", "VARCHAR", "Modules using it, comma-separated."),
        ("state", "VARCHAR", "Live, Loading, Unloading (/proc/modules only)."),
        ("taint", "VARCHAR", "The module's taint letters, e.g. OE (/proc/modules only)."),
    ),
    table(
        "packages", "Installed packages (rpm -qa, sos installed-rpms, dpkg -l, dpkg-query).",
        BUNDLE_ID,
        ("manager", "VARCHAR", "rpm or dpkg."),
        ("name", "VARCHAR", "Package name."),
        ("epoch", "VARCHAR", "Epoch, where given."),
        ("version", "VARCHAR", "Version."),
        ("release", "VARCHAR", "Release (rpm), NULL for dpkg."),
        ("arch", "VARCHAR", "Architecture."),
    ),
    table(
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
    table(
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
    table(
        "units", "systemd units and their state (systemctl list-units --all; a failed unit shows even "
        "without --all).",
        BUNDLE_ID,
        ("unit", "VARCHAR", "Unit name, e.g. kubelet.service."),
        ("load", "VARCHAR", "loaded, not-found, masked, error."),
        ("active", "VARCHAR", "active, inactive, failed, activating..."),
        ("sub", "VARCHAR", "The type's own state: running, exited, dead, failed, mounted..."),
        ("description", "VARCHAR", "The unit's description."),
    ),
    table(
        "unit_files", "Installed systemd unit files and whether they start at boot (systemctl list-unit-files).",
        BUNDLE_ID,
        ("unit", "VARCHAR", "Unit file name, e.g. kubelet.service."),
        ("state", "VARCHAR", "enabled, disabled, static, masked, indirect, generated, alias..."),
        ("vendor_preset", "VARCHAR", "The distribution's preset (enabled, disabled), NULL where not printed."),
    ),
    table(
        "unit_properties", "Properties of systemd units (systemctl show): state, result, restarts, main process "
        "status, memory, where the unit and its drop-ins come from. Ours: kubelet, docker, containerd, etcd and "
        "crio; sos: every service (systemctl show service --all); insights: the few units it asks about.",
        BUNDLE_ID,
        ("unit", "VARCHAR", "The unit (its Id), e.g. kubelet.service."),
        ("name", "VARCHAR", "Property: ActiveState, SubState, Result, NRestarts, ExecMainStatus, MemoryCurrent, "
         "FragmentPath, DropInPaths, Environment..."),
        ("value", "VARCHAR", "As systemctl printed it; NULL for '[not set]' or empty."),
    ),
    table(
        "rsyslog_files", "The files rsyslog reads (imfile inputs) and writes (file actions), from its configuration.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The configuration file (etc/rsyslog.conf, etc/rsyslog.d/*.conf)."),
        ("line_no", "BIGINT", "Line number in it."),
        ("direction", "VARCHAR", "reads or writes."),
        ("file", "VARCHAR", "The log file named."),
    ),
    table(
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
)
