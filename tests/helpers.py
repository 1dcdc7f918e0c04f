"""What several test modules share: the sample fleet's expected findings, running the collector
as an operator would, fake commands, a store's summary for comparisons, a parser's rows on a
fixture. (A test module imports from here, never from another test module.)"""
import json
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from sosql import parsers
from sosql.store import schema

from conftest import FIXTURES, ROOT, fixture_text

COLLECTOR = ROOT / "collectors" / "collect.py"

# The rules each host of the sample fleet (the demo) fires, and the fleet-level ones. The
# docker-ce 17.03 of the 2018 nodes is in the runc advisory's range (CVE-2019-5736): a true
# finding of package_advisories on every one of them.
ADVISORY = {"package_advisories"}
EXPECTED_FINDINGS = {
    "node1": {"kernel_panic", "skb_under_panic", "known_bad_kernel", "kdump_not_configured"} | ADVISORY,
    "node2": {"kernel_panic", "skb_under_panic", "known_bad_kernel", "kubelet_refuses_swap",
              "node_service_failed"} | ADVISORY,
    "node3": {"over_mtu_packet_drops", "memory_pressure"} | ADVISORY,
    "node4": {"soft_lockup", "bridge_nf_call_iptables_disabled", "rsyslog_reads_its_own_output",
              "no_default_route"} | ADVISORY,
    "node5": {"soft_lockup", "lockup_after_iscsi_errors", "iscsi_initiator_missing", "memory_fragmented"} | ADVISORY,
    "node6": {"docker_isolation_stale_drop", "two_network_plugins", "hugepages_take_most_memory",
              "rp_filter_drops"} | ADVISORY,
    "node7": {"ip_forward_disabled", "inotify_watch_limit", "device_busy_removing_containers",
              "sysctl_config_drift", "filesystem_nearly_full"} | ADVISORY,
    "master1": {"node_monitor_grace_period_short", "hostname_differs_from_node_name", "probe_failures",
                "backoff_restarts", "flannel_lease_lost", "swap_on_kubernetes_node"} | ADVISORY,
    "master2": {"clock_not_synchronized", "no_dns_resolver", "netlink_socket_drops", "udp_receive_errors",
                "filesystem_nearly_full"} | ADVISORY,
    "storage1": {"kernel_panic", "kernel_oops", "glusterfs_docker17_centos74", "overlay2_unsupported",
                 "kmem_accounting_leak", "iscsiadm_no_session", "disk_medium_errors", "multipath_path_failures",
                 "multipath_all_paths_lost", "qla2xxx_scan_skipped", "nfs_mount_name_resolution",
                 "nfs_server_not_responding", "smart_health_failed", "bcache_not_tuned"} | ADVISORY,
    "big1": {"iptables_too_many_rules", "amd_iommu_not_passthrough", "socket_memory_pressure",
             "softnet_backlog_drops", "interface_errors_rising"} | ADVISORY,
    "harbortest": {"bridge_nf_call_iptables_disabled", "etcd_slow_requests", "sos_plugin_timeouts"},
    "web7": {"oom_kills", "hung_tasks", "hard_lockup", "rcu_stall", "conntrack_table_full", "unregister_netdevice",
             "filesystem_errors", "machine_check", "netdev_watchdog", "fanotify_hang", "bcache_register_deadlock",
             "kernel_stack_traces"},
}
FLEET_FINDINGS = {"crash_signature_on_kernel_build", "keepalived_split_brain"}


def run_collector(root, bin_dir, out, *args, python=None, as_nobody=False):
    """Run a copy of collect.py, as an operator would copy it to a node."""
    script = out.parent / "collect.py"
    shutil.copy(COLLECTOR, script)
    script.chmod(0o755)
    argv = [python or sys.executable, str(script), "--output", str(out), "--root", str(root),
            "--path", str(bin_dir), *map(str, args)]
    user = {"user": 65534, "group": 65534} if as_nobody else {}
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, **user)
    assert result.returncode == 0, result.stderr
    bundle = Path(result.stdout.strip())
    return bundle, manifest_of(bundle), time.monotonic() - started


def manifest_of(bundle):
    with tarfile.open(bundle) as tar:
        name = next(n for n in tar.getnames() if n.endswith("/manifest.json"))
        return json.load(tar.extractfile(name))


def fake_command(bin_dir, name, outputs):
    """A fake command printing the fixture named by its arguments joined with _ ('' for none)."""
    cases = "".join(f'  "{args}") /bin/cat "{FIXTURES / "parsers" / fixture}" ;;\n' for args, fixture in outputs.items())
    path = bin_dir / name
    path.write_text(f'#!/bin/sh\nIFS=_\ncase "$*" in\n{cases}  *) exit 1 ;;\nesac\n')
    path.chmod(0o755)


# What two stores must hold alike to be the same store.
COUNTED = [t.name for t in schema.TABLES if t.name not in ("meta", "parquet_files", "rule_runs")]
SAME = {
    "events per kind": "SELECT kind, count(*) FROM events GROUP BY ALL ORDER BY ALL",
    "crash signatures": "SELECT bundle_id, kind, signature, count(*) FROM crashes GROUP BY ALL ORDER BY ALL",
    "findings": "SELECT rule_id, bundle_id, severity, evidence FROM findings ORDER BY ALL",
    "lines": "SELECT bundle_id, source, path, count(*), count(ts), max(ts), sum(length(raw)), "
             "sum(hash(message)) FROM log_lines GROUP BY ALL ORDER BY ALL",
}


def store_summary(db):
    counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in COUNTED}
    return counts, {name: db.execute(sql).fetchall() for name, sql in SAME.items()}


def fixture_rows(parser, name, member=None):
    """The rows (as tuples) a parser gives for the fixture `name` (read as `member`, if given)."""
    module = parsers.get(parser)
    text = fixture_text(name)
    table = module.parse_member(text, member) if member else module.parse(text)
    return [tuple(r.values()) for r in table.to_pylist()]
