"""One node at a glance, like xsos: identity, kernel, load, CPU, memory, full filesystems,
failed units, network, DNS, clock, container runtime, kubelet and the node's findings.

Each section says which catalog sources feed it. A section none of whose sources the bundle
had is `missing`, naming those sources and the path each would have been read from, so that
the absence of data never reads as a healthy node; a section with only some of them lists
the others under `missing` too. Used by `sosql summary` and the host report.
"""
from sosql.fleet import summary_node
from sosql.fleet.diff import resolve
from sosql.read import catalog
from sosql.rules.checks import SEVERITIES

FULL_PCT = 85      # a filesystem this full, in bytes or inodes, is shown
FACTS = ("hostname", "distro", "virtualization", "system_vendor", "system_product", "kernel_release",
         "kernel_version", "arch", "tainted", "taint_flags", "uptime_s", "boot_time", "load_1", "load_5",
         "load_15", "cpu_model", "cpus", "sockets", "cpu_hypervisor", "nameservers", "search_domains",
         "timezone", "clock_synchronized", "clock_source")
MEMORY = ("MemTotal", "MemAvailable", "SwapTotal", "SwapFree", "HugePages_Total", "Hugepagesize")
CLOCK_SOURCES = ("timedatectl", "chronyc_tracking", "ntpstat", "ntptime", "ntpq_peers")
RUNTIMES = ("dockerd", "containerd", "crio", "podman")


def summarize(store, host):
    """{'bundle': ..., 'sections': [{'name', 'sources', 'missing', 'data'}]} of the bundle `host` names
    (a hostname or the start of a bundle id). SosqlError when it names no bundle or several."""
    bundle_id = resolve(store, host)
    bundle = _one(store, "SELECT bundle_id, path, format, collected_at FROM bundles WHERE bundle_id = ?", bundle_id)
    facts = _one(store, f"SELECT {', '.join(FACTS)} FROM hosts WHERE bundle_id = ?", bundle_id)
    present = {r[0] for r in store.execute("SELECT DISTINCT source FROM sources WHERE bundle_id = ? AND status IN "
                                           "('parsed', 'truncated')", [bundle_id]).fetchall()}
    sections = []
    for name, sources, gather in SECTIONS:
        found, missing = _coverage(sources, present, bundle["format"])
        sections.append({"name": name, "sources": list(sources), "missing": missing,
                         "data": gather(store, bundle_id, facts) if found else None})
    return {"bundle": bundle, "sections": sections}


def _coverage(sources, present, fmt):
    """(whether any source of the section was read, the missing ones and where each would have been).
    A source this format never holds is not missing; if the format holds none of them, all are (path None)."""
    if not sources:
        return True, []
    held = [s for s in sources if catalog.candidates(catalog.BY_NAME[s], fmt)]
    if not held:
        return False, [{"source": s, "path": None} for s in sources]
    missing = [{"source": s, "path": catalog.candidates(catalog.BY_NAME[s], fmt)[0]} for s in held if s not in present]
    return len(missing) < len(held), missing


def _one(store, sql, bundle_id):
    return store.arrow(sql, [bundle_id]).to_pylist()[0]


def _rows(store, sql, bundle_id):
    return store.arrow(sql, [bundle_id]).to_pylist()


def _pick(facts, *names):
    return {name: facts[name] for name in names}


def _memory(store, bundle_id, facts):
    values = dict(store.execute("SELECT name, value FROM meminfo WHERE bundle_id = ? AND list_contains(?, name)",
                                [bundle_id, list(MEMORY)]).fetchall())
    pressure = _rows(store, "SELECT resource, scope, avg10, avg60, avg300 FROM pressure WHERE bundle_id = ? "
                            "ORDER BY resource, scope", bundle_id)
    return {"kb": {name: values.get(name) for name in MEMORY}, "pressure": pressure}


def _filesystems(store, bundle_id, facts):
    # read-only images (snaps, ISOs) are always 100% full: not a problem
    return _rows(store, f"""
        SELECT mountpoint, filesystem, unit, size, used, available, used_pct FROM filesystems f
        WHERE bundle_id = $1 AND used_pct >= {FULL_PCT} AND mountpoint NOT LIKE '/snap/%'
          AND NOT EXISTS (SELECT 1 FROM mounts m WHERE m.bundle_id = $1 AND m.mountpoint = f.mountpoint
                          AND (fstype IN ('squashfs', 'iso9660', 'udf') OR regexp_matches(options, '^ro(,|$)')))
        ORDER BY used_pct DESC, mountpoint, unit""", bundle_id)


def _failed_units(store, bundle_id, facts):
    return _rows(store, "SELECT unit, load, active, sub, description FROM units WHERE bundle_id = ? "
                        "AND active = 'failed' ORDER BY unit", bundle_id)


def _network(store, bundle_id, facts):
    addresses = _rows(store, """
        SELECT ifname, string_agg(address || '/' || prefixlen, ' ' ORDER BY family, address) AS addresses
        FROM addresses WHERE bundle_id = ? AND coalesce(scope, 'global') <> 'host' GROUP BY ifname ORDER BY ifname""",
                      bundle_id)
    troubled = _rows(store, """
        SELECT section AS ifname, string_agg(name || ' ' || CAST(value AS BIGINT), ', ' ORDER BY name) AS counters
        FROM net_counters WHERE bundle_id = ? AND file = 'dev' AND value > 0
          AND name IN ('rx_errs', 'rx_drop', 'tx_errs', 'tx_drop') GROUP BY section ORDER BY section""", bundle_id)
    return {"addresses": addresses, "errors_drops": troubled}


def _listening(store, bundle_id, facts):
    return _rows(store, """
        SELECT protocol, string_agg(entry, ', ' ORDER BY port, entry) AS ports
        FROM (SELECT DISTINCT protocol, port, port || coalesce(' ' || process, '') AS entry FROM listeners
              WHERE bundle_id = ?) GROUP BY protocol ORDER BY protocol""", bundle_id)


def _routes(store, bundle_id, facts):
    return _rows(store, "SELECT family, gateway, dev, route FROM routes WHERE bundle_id = ? AND destination = "
                        "'default' AND type = 'unicast' AND route_table = 'main' ORDER BY family, metric NULLS FIRST",
                 bundle_id)


def _containers(store, bundle_id, facts):
    engine = _rows(store, "SELECT server_version, storage_driver, backing_filesystem, cgroup_driver, "
                          "docker_root_dir FROM docker_info WHERE bundle_id = ?", bundle_id)
    running = [r[0] for r in store.execute(
        "SELECT DISTINCT program FROM processes WHERE bundle_id = ? AND list_contains(?, program) ORDER BY 1",
        [bundle_id, list(RUNTIMES)]).fetchall()]
    return {"docker": engine[0] if engine else None, "running": running}


def _kubelet(store, bundle_id, facts):
    command = store.execute("SELECT min(command) FROM processes WHERE bundle_id = ? AND (program = 'kubelet' "
                            "OR regexp_matches(command, '^\\S*hyperkube kubelet\\b'))", [bundle_id]).fetchall()[0][0]
    package = store.execute("SELECT min(version) FROM packages WHERE bundle_id = ? AND name IN ('kubelet', "
                            "'kubernetes-node')", [bundle_id]).fetchall()[0][0]
    settings = _rows(store, "SELECT file, name, value FROM kubelet_config WHERE bundle_id = ? ORDER BY file, name",
                     bundle_id)      # its command line's flags are rows too, file 'command line'
    return {"running": command is not None, "version": package,
            "flags": [[s["name"], s["value"]] for s in settings if s["file"] == "command line"],
            "config": [s for s in settings if s["file"] != "command line"]}


def _findings(store, bundle_id, facts):
    return _rows(store, "SELECT severity, rule_id, title FROM findings WHERE bundle_id = ? "
                        f"ORDER BY list_position({list(SEVERITIES)}, severity), rule_id", bundle_id)


# (section, the catalog sources that feed it, what it shows)
SECTIONS = (
    ("identity", ("hostname", "os_release"), lambda s, b, f: _pick(
        f, "hostname", "distro", "virtualization", "system_vendor", "system_product")),
    ("kernel", ("uname", "tainted"), lambda s, b, f: _pick(f, "kernel_release", "kernel_version", "arch", "tainted",
                                                           "taint_flags")),
    ("uptime", ("uptime", "loadavg"), lambda s, b, f: _pick(f, "uptime_s", "boot_time", "load_1", "load_5", "load_15")),
    ("cpu", ("lscpu",), lambda s, b, f: _pick(f, "cpu_model", "cpus", "sockets", "cpu_hypervisor")),
    ("memory", ("meminfo", "pressure"), _memory),
    ("filesystems", ("df", "df_inodes"), _filesystems),
    ("failed_units", ("units",), _failed_units),
    ("network", ("addresses", "net_dev"), _network),
    ("listening", ("listeners",), _listening),
    ("default_route", ("routes",), _routes),
    ("dns", ("resolv_conf",), lambda s, b, f: _pick(f, "nameservers", "search_domains")),
    ("clock", CLOCK_SOURCES, lambda s, b, f: _pick(f, "timezone", "clock_synchronized", "clock_source")),
    ("containers", ("docker_info", "processes"), _containers),
    ("kubelet", ("processes", "packages", "kubelet_config"), _kubelet),
    *summary_node.SECTIONS,          # bonds, NIC counters, other runtimes, CNI
    ("findings", (), _findings),
)
