"""The node summary (summary.py) as lines of text for a terminal: one screen per node.

Every section is a label and its lines; a section the bundle had no source for reads
'MISSING' with the sources and paths that would have held it, so that no gap looks healthy.
"""
from sosql.fleet import summary_node

GIB_KB = 1024 * 1024


def lines(summary):
    """The text lines of a summary, header first."""
    bundle = summary["bundle"]
    when = bundle["collected_at"] or "at an unknown time"
    out = [f"{bundle['bundle_id'][:12]}  {bundle['format']} bundle collected {when}  ({bundle['path']})"]
    for section in sections(summary):
        for i, line in enumerate(section["lines"]):
            out.append(f"{section['name'] if i == 0 else '':<14}{line}")
    return out


def sections(summary):
    """Each section as {'name', 'lines', 'absent'}: its lines of text, the missing sources last;
    absent when the bundle had none of its sources."""
    out = []
    for section in summary["sections"]:
        shown = RENDER[section["name"]](section["data"]) if section["data"] is not None else []
        if section["missing"]:
            shown.append(("MISSING: " if section["data"] is None else "missing: ") + missing_text(section["missing"]))
        out.append({"name": section["name"], "lines": shown or ["(nothing)"], "absent": section["data"] is None})
    return out


def missing_text(missing):
    return ", ".join(f"{m['source']} ({m['path']})" if m["path"] else f"{m['source']} (not in this format)"
                     for m in missing)


def known(value, fmt="{}"):
    return "unknown" if value is None or value == "" else fmt.format(value)


def _gib(kb):
    return known(None if kb is None else kb / GIB_KB, "{:.1f} GiB")


def _identity(d):
    machine = d["virtualization"] or " ".join(filter(None, (d["system_vendor"], d["system_product"])))
    return [f"{known(d['hostname'])} · {known(d['distro'])} · {known(machine)}"]


def _kernel(d):
    taint = "not tainted" if d["tainted"] == 0 else known(d["taint_flags"], "tainted {}") if d["tainted"] else \
        "taint unknown"
    return [f"{known(d['kernel_release'])} {d['arch'] or ''} · {taint}".replace("  ", " ")]


def _uptime(d):
    up = d["uptime_s"]
    since = "unknown" if up is None else f"{int(up // 86400)} days {int(up % 86400 // 3600)}:{int(up % 3600 // 60):02d}"
    load = "unknown" if d["load_1"] is None else f"{d['load_1']:.2f} {d['load_5']:.2f} {d['load_15']:.2f}"
    return [f"up {since} (booted {known(d['boot_time'])}) · load {load}"]


def _cpu(d):
    return [f"{known(d['cpus'])} CPUs, {known(d['sockets'])} sockets · {known(d['cpu_model'])}"
            + (f" · hypervisor {d['cpu_hypervisor']}" if d["cpu_hypervisor"] else "")]


def _memory(d):
    kb = d["kb"]
    total, available, swap, swap_free = (kb[n] for n in ("MemTotal", "MemAvailable", "SwapTotal", "SwapFree"))
    share = f" ({100 * available / total:.0f}%)" if total and available is not None else ""
    swap_used = _gib(swap - swap_free) if swap is not None and swap_free is not None else "unknown"
    out = [f"total {_gib(total)}, available {_gib(available)}{share} · swap {_gib(swap)}, {swap_used} used"]
    if kb["HugePages_Total"]:
        out.append(f"huge pages {int(kb['HugePages_Total'])} of {known(kb['Hugepagesize'], '{:.0f}')} kB")
    out += [f"pressure {p['resource']} {p['scope']}: avg10 {p['avg10']}% avg60 {p['avg60']}% avg300 {p['avg300']}%"
            for p in d["pressure"] if p["avg60"]]
    return out


def _filesystems(rows):
    if not rows:
        return ["none over 85% (bytes or inodes)"]
    return [f"{r['mountpoint']} {r['used_pct']:.0f}% of " + (_gib(r["size"] / 1024) if r["unit"] == "bytes"
                                                              else f"{r['size']} inodes") + f" ({r['filesystem']})"
            for r in rows]


def _failed_units(rows):
    return [f"{r['unit']} ({r['active']}/{r['sub']}) {r['description']}" for r in rows] or ["none"]


def _network(d):
    out = [f"{r['ifname']}: {r['addresses']}" for r in d["addresses"]]
    return out + [f"{r['ifname']} errors/drops: {r['counters']}" for r in d["errors_drops"]]


def _listening(rows):
    return [f"{r['protocol']}: {r['ports']}" for r in rows] or ["nothing"]


def _routes(rows):
    return [f"{r['family']} via {known(r['gateway'])} dev {known(r['dev'])}" for r in rows] or ["NONE"]


def _dns(d):
    servers = d["nameservers"]
    return ["no nameserver" if servers == "" else f"nameservers {known(servers)}"
            + (f" · search {d['search_domains']}" if d["search_domains"] else "")]


def _clock(d):
    state = {True: "synchronized", False: "NOT synchronized", None: "sync unknown"}[d["clock_synchronized"]]
    return [f"{state} ({known(d['clock_source'])}) · time zone {known(d['timezone'])}"]


def _containers(d):
    docker = d["docker"]
    engine = ["no docker info"] if not docker else [
        f"docker {known(docker['server_version'])}, storage {known(docker['storage_driver'])} on "
        f"{known(docker['backing_filesystem'])}, cgroup {known(docker['cgroup_driver'])}"]
    return engine + [f"running: {', '.join(d['running']) or 'no container runtime process'}"]


def _kubelet(d):
    if not (d["running"] or d["version"] or d["config"]):
        return ["not running, not installed"]
    out = [f"{'running' if d['running'] else 'not running'} · version {known(d['version'])}"]
    if d["flags"]:
        out.append("flags " + " ".join(f"{n}={v}" for n, v in d["flags"]))
    return out + [f"{c['file']}: {c['name']} = {c['value']}" for c in d["config"]]


def _findings(rows):
    return [f"{r['severity']:<9}{r['rule_id']}: {r['title']}" for r in rows] or ["none"]


RENDER = {"identity": _identity, "kernel": _kernel, "uptime": _uptime, "cpu": _cpu, "memory": _memory,
          "filesystems": _filesystems, "failed_units": _failed_units, "network": _network, "listening": _listening,
          "default_route": _routes, "dns": _dns, "clock": _clock, "containers": _containers,
          "kubelet": _kubelet, "findings": _findings, **summary_node.RENDER}
