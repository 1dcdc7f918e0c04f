"""What was loaded: the bundles, their hosts and sources, what failed to load, the store's own bookkeeping."""
from sosql.store.schema.table import BUNDLE_ID, table

TABLES = (
    table(
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
    table(
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
    table(
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
    table(
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
    table(
        "collection_problems", "What went wrong while the bundle was collected, from sos's own logs: "
        "a plugin that timed out left its files out.",
        BUNDLE_ID,
        ("path", "VARCHAR", "The log that says so (sos_logs/ui.log, sos_logs/sos.log)."),
        ("line_no", "BIGINT", "Line number in it."),
        ("plugin", "VARCHAR", "The sos plugin (networking, kernel, ...)."),
        ("problem", "VARCHAR", "plugin_timeout (the plugin stopped) or command_timeout (one command did)."),
        ("detail", "VARCHAR", "The command that timed out."),
    ),
    table(
        "load_errors", "What could not be loaded and why: one row per problem.",
        ("bundle_id", "VARCHAR", "Bundle id when it could be computed, else NULL."),
        ("path", "VARCHAR", "The archive or directory given to load."),
        ("member", "VARCHAR", "Member inside the bundle, when the problem is one member."),
        ("error", "VARCHAR", "One-line description of the problem."),
        ("occurred_at", "TIMESTAMP", "When it happened (UTC)."),
    ),
    table(
        "parquet_files", "The Parquet files of the tables kept as files (log_lines): one row per file, "
        "listed in the same transaction as the bundle's other rows. Other engines (DuckDB, Spark, Polars, "
        "pyarrow) can read the files directly.",
        BUNDLE_ID,
        ("table_name", "VARCHAR", "The table the file holds rows of, e.g. log_lines."),
        ("file", "VARCHAR", "Path inside the store folder, e.g. log_lines/bundle_id=<id>/<name>.parquet."),
        ("rows", "BIGINT", "Rows in the file."),
        ("bytes", "BIGINT", "Size of the file."),
    ),
    table(
        "meta", "Store bookkeeping: schema version and the like.",
        ("key", "VARCHAR", "Setting name."),
        ("value", "VARCHAR", "Setting value."),
    ),
)
