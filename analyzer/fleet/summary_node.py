"""Sections of the node summary (summary.py) from the node's own state tables: bonds, the
container runtimes besides docker, the CNI configuration and the NICs' own error counters;
and their lines of text (summary_text.py). Each section names the catalog sources feeding it,
so a bundle without them shows MISSING with the path, as the other sections do."""
# ethtool -S counters worth a line when not zero: the drivers' names for errors and drops
NIC_TROUBLE = r"(err|drop|miss|crc|fifo|discard|timeout|fail)"


def _rows(store, sql, bundle_id):
    return store.arrow(sql, [bundle_id]).to_pylist()


def _bonding(store, bundle_id, facts):
    return _rows(store, "SELECT bond, mode, bond_mii_status, active_slave, slave, slave_mii_status, speed_mbps, "
                        "link_failure_count FROM bonding WHERE bundle_id = ? ORDER BY bond, slave NULLS FIRST",
                 bundle_id)


def _runtimes(store, bundle_id, facts):
    return _rows(store, "SELECT tool, runtime, version, storage_driver, cgroup_driver, oci_runtime, network_ready, "
                        "network_message FROM container_runtime WHERE bundle_id = ? ORDER BY tool", bundle_id)


def _cni(store, bundle_id, facts):
    # the runtime loads the first file in name order: the others are listed, but not in use
    return _rows(store, "SELECT file, any_value(network) AS network, any_value(cni_version) AS cni_version, "
                        "string_agg(type, ', ' ORDER BY position) AS plugins FROM cni_configs WHERE bundle_id = ? "
                        "GROUP BY file ORDER BY file", bundle_id)


def _nic_counters(store, bundle_id, facts):
    return _rows(store, f"""
        SELECT section AS ifname, string_agg(name || ' ' || CAST(value AS BIGINT), ', ' ORDER BY name) AS counters
        FROM net_counters WHERE bundle_id = ? AND file = 'ethtool' AND value > 0
          AND regexp_matches(name, '{NIC_TROUBLE}') GROUP BY section ORDER BY section""", bundle_id)


# (section, the catalog sources that feed it, what it shows): summary.py puts them before the findings
SECTIONS = (
    ("bonding", ("bonding",), _bonding),
    ("nic_counters", ("ethtool_stats",), _nic_counters),
    ("runtimes", ("podman_info", "crictl_info"), _runtimes),
    ("cni", ("cni_configs",), _cni),
)


def _bonding_text(rows):
    out = []
    for row in rows:
        if row["slave"] is None or row["slave"] == next(r["slave"] for r in rows if r["bond"] == row["bond"]):
            active = f", active {row['active_slave']}" if row["active_slave"] else ""
            out.append(f"{row['bond']} {row['bond_mii_status'] or 'unknown'} · {row['mode']}{active}")
        if row["slave"] is not None:
            speed = f"{row['speed_mbps']} Mb/s" if row["speed_mbps"] else "speed unknown"
            out.append(f"  {row['slave']} {row['slave_mii_status'] or 'unknown'}, {speed}, "
                       f"{row['link_failure_count'] or 0} link failures")
    return out


def _nic_text(rows):
    return [f"{r['ifname']}: {r['counters']}" for r in rows] or ["no errors or drops in ethtool -S"]


def _runtimes_text(rows):
    out = []
    for r in rows:
        line = (f"{r['runtime']} {r['version'] or ''} ({r['tool']}) · storage {r['storage_driver'] or 'unknown'}, "
                f"cgroup {r['cgroup_driver'] or 'unknown'}, runtime {r['oci_runtime'] or 'unknown'}")
        out.append(line.replace("  ", " "))
        if r["network_ready"] is False:
            out.append(f"  network NOT ready: {r['network_message'] or 'no reason given'}")
    return out or ["none answered"]


def _cni_text(rows):
    return [f"{r['file']}{' (in use)' if i == 0 else ''}: {r['network'] or 'unnamed'} · {r['plugins']}"
            for i, r in enumerate(rows)] or ["no valid configuration"]


RENDER = {"bonding": _bonding_text, "nic_counters": _nic_text, "runtimes": _runtimes_text, "cni": _cni_text}
