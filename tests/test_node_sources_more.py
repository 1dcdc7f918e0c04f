"""More of the node's state: lsblk, /proc/partitions, multipath, iSCSI sessions, unit files and
properties, ip rule, bonding, ethtool -S, the firewalls of network namespaces, podman and
crictl info, CNI configurations and sar history.

Real trees (../shared/corpus), which hold what:
- sos/hotsos-kubernetes and sos/hotsos-openstack: sos_commands/block/lsblk and lsblk_-O_-P,
  systemd/systemctl_list-unit-files, networking/ip_-4_rule and ip_-6_rule; the openstack tree
  also networking/ip_netns_exec_NS_ip_rule_list and ip_netns_exec_NS_iptables-save and
  ip6tables-save of three namespaces (fip-, qrouter-, snat-; sos 4.2's flat layout). Neither
  has ethtool -S (only ethtool and ethtool -i), proc/partitions, proc/net/bonding, multipath,
  iscsi, podman, crictl, CNI files or sar (those plugins' output was not copied), nor
  systemctl show service --all (left out for its size).
- insights/rhel7: insights_commands/lsblk and lsblk_-P_-o_..., systemctl_list-unit-files (no
  VENDOR PRESET column), ethtool_-S_eth0, multipath_-v4_-ll ('Command not found': no row),
  systemctl_show_openstack-cinder-volume ('could not be found': no row).
"""
from datetime import datetime

import pytest

from sosql import load, open_store, parsers

from conftest import CORPUS, corpus_bundle, fixture_text, requires_corpus
from helpers import fake_command, run_collector
from helpers import fixture_rows as rows


def test_lsblk_tree_and_pairs():
    tree = {r[0]: r for r in rows("lsblk", "lsblk.txt")}
    assert tree["centos-root"] == ("centos-root", "centos-root", "sda2", "253:0", "lvm", 35 << 30, False, False,
                                   None, None, "/", None)
    assert tree["sda1"][2] == "sda" and tree["sda"][2] is None and tree["mpatha"][2] == "sdb"
    assert tree["centos-swap"][10] == "[SWAP]" and tree["sr0"][7] is True and len(tree) == 8
    pairs = rows("lsblk", "lsblk_pairs.txt")
    assert pairs[1] == ("vda1", "vda1", "vda", "252:1", "part", 42948624384, False, False, True, "ext4", "/", None)
    assert pairs[2][6] is True and len(pairs) == 3


def test_partitions():
    assert rows("partitions", "partitions.txt")[:2] == [(8, 0, 41943040 * 1024, "sda"), (8, 1, 1048576 * 1024, "sda1")]
    assert len(rows("partitions", "partitions.txt")) == 5


def test_multipath_paths_and_their_states():
    got = rows("multipath", "multipath.txt")
    assert got[2] == ("mpatha", "360014380056efd2c0000d00000410000", "dm-2", "HP,HSV450", 100 << 30, "enabled",
                      "4:0:0:1", "sdc", "8:32", "failed", "faulty", "offline")
    assert got[3][:3] == ("3600508b400105e210000900000490000",) * 2 + ("dm-3",) and len(got) == 4
    old = "mpathb (3600a0b80) dm-4 DELL,MD32xx\n[size=10G][features=0][hwhandler=0]\n" \
          "\\_ round-robin 0 [prio=0][enabled]\n \\_ 1:0:0:0 sdf 8:80 [failed][faulty]\n"
    assert [tuple(r.values()) for r in parsers.get("multipath").parse(old).to_pylist()] == [
        ("mpathb", "3600a0b80", "dm-4", "DELL,MD32xx", 10 << 30, "enabled", "1:0:0:0", "sdf", "8:80", "failed",
         "faulty", None)]
    assert rows("multipath", "partitions.txt") == []


def test_iscsi_sessions_plain_and_verbose():
    assert rows("iscsi_sessions", "iscsi_sessions.txt")[1] == (
        "tcp", 2, "iqn.2003-01.org.linux-iscsi.storage1:sn.0123", "10.0.1.20:3260", 1, None, None, None)
    assert rows("iscsi_sessions", "iscsi_session_p3.txt") == [
        ("tcp", 1, "iqn.2003-01.org.linux-iscsi.storage1:sn.0123", "10.0.0.20:3260", 1, "LOGGED IN", "LOGGED_IN",
         "sdb, sdc"),
        ("tcp", 2, "iqn.2003-01.org.linux-iscsi.storage1:sn.0123", "10.0.1.20:3260", 1, "TRANSPORT WAIT", "FAILED",
         None)]
    assert parsers.get("iscsi_sessions").parse("iscsiadm: No active sessions.\n").num_rows == 0


def test_unit_files_and_properties():
    files = rows("unit_files", "unit_files.txt")
    assert ("kubelet.service", "disabled", "disabled") in files and ("tmp.mount", "masked", "enabled") in files
    assert ("sockets.target", "static", None) in files and len(files) == 7
    props = {(u, n): v for u, n, v in rows("unit_properties", "unit_properties.txt")}
    assert props[("kubelet.service", "NRestarts")] == "212" and props[("kubelet.service", "Result")] == "exit-code"
    assert props[("kubelet.service", "MemoryCurrent")] is None and ("kubelet.service", "CPUShares") not in props
    assert props[("etcd.service", "LoadState")] == "not-found"


def test_ip_rules_of_the_host_and_of_a_namespace():
    host = rows("ip_rule", "ip_rule.txt", "commands/ip_rule")
    assert host[1] == (None, "inet", 100, "10.10.0.0/24", None, "eth1", None, None, "100", "lookup",
                       "from 10.10.0.0/24 iif eth1 lookup 100")
    assert host[3][4] == "192.168.50.0/24" and host[3][9] == "unreachable" and host[2][7] == "0x1/0x1"
    ns = rows("ip_rule", "ip_rule.txt", "sos_commands/networking/namespaces/fip-3/ip_netns_exec_fip-3_ip_-6_rule_list")
    assert {r[:2] for r in ns} == {("fip-3", "inet6")} and len(ns) == 6


def test_bonding_active_backup_and_lacp():
    assert rows("bonding", "bonding.txt", "proc/net/bonding/bond0") == [
        ("bond0", "fault-tolerance (active-backup)", "up", "eth0", "eth0", "up", 10000, "full", 0, "52:54:00:aa:bb:01",
         None),
        ("bond0", "fault-tolerance (active-backup)", "up", "eth0", "eth1", "down", None, "Unknown", 3,
         "52:54:00:aa:bb:02", None)]
    lacp = rows("bonding", "bonding_lacp.txt", "files/proc/net/bonding/bond1")
    assert [(r[4], r[10]) for r in lacp] == [("ens1f0", 1), ("ens1f1", 2)] and lacp[0][3] is None


def test_ethtool_counters_into_net_counters():
    got = rows("ethtool_stats", "ethtool_stats.txt", "insights_commands/ethtool_-S_eth0")
    assert ("ethtool", "eth0", "rx_missed_errors", 4031) in got and ("ethtool", "eth0", "rx_queue_0_drops", 17) in got
    assert len(got) == 6


def test_namespace_firewalls_keep_their_namespace():
    member = "sos_commands/networking/namespaces/qrouter-98/ip_netns_exec_qrouter-98_ip6tables-save"
    tables = parsers.get("netns_iptables").parse_member(fixture_text("netns_iptables.txt"), member)
    rules = tables["netns_iptables_rules"].to_pylist()
    assert {(r["namespace"], r["family"]) for r in rules} == {("qrouter-98", "ipv6")} and len(rules) == 3
    assert rules[1]["target"] == "REDIRECT" and rules[1]["in_iface"] == "qr-+"
    assert tables["netns_iptables_chains"].num_rows == 5


def test_podman_and_crictl_info():
    assert rows("container_runtime", "container_runtime.txt", "sos_commands/podman/podman_info") == [
        ("podman info", "podman", "4.4.1", "overlay", "/var/lib/containers/storage", "systemd", "v1", "runc", None,
         None)]
    assert rows("container_runtime", "crictl_info.txt", "commands/crictl_info") == [
        ("crictl info", "containerd", None, "overlayfs", None, "systemd", None, "runc", False,
         "NetworkPluginNotReady: Network plugin returns error: cni plugin not initialized")]
    assert rows("container_runtime", "podman_info_json.txt", "commands/podman_info_--format_json") == [
        ("podman info", "podman", "4.4.1", "overlay", "/var/lib/containers/storage", "systemd", "v2", "crun", None,
         None)]
    old = '{"host": {"CgroupVersion": "v1"}, "store": {"GraphDriverName": "vfs", "GraphRoot": "/x"}}'
    assert parsers.get("container_runtime").parse_member(old, "commands/podman_info").to_pylist()[0][
        "storage_driver"] == "vfs"
    assert parsers.get("container_runtime").parse_member("Error: cannot connect\n", "commands/crictl_info").num_rows == 0


def test_cni_configs():
    flannel = rows("cni_config", "cni_config.txt", "files/etc/cni/net.d/10-flannel.conflist")
    assert [r[:5] for r in flannel] == [("10-flannel.conflist", "cbr0", "0.3.1", 1, "flannel"),
                                        ("10-flannel.conflist", "cbr0", "0.3.1", 2, "portmap")]
    bridge = rows("cni_config", "cni_bridge.txt", "etc/cni/net.d/87-podman.conflist")
    assert bridge[0][3:7] == (1, "bridge", "host-local", "10.88.0.0/16")
    assert rows("cni_config", "partitions.txt", "etc/cni/net.d/broken.conf") == []


def test_sar_sections_times_and_restarts():
    got = rows("sar", "sar.txt")
    sections = {r[0] for r in got}
    assert sections == {"cpu", "memory", "paging", "queue", "dev", "edev"}
    assert ("edev", datetime(2018, 7, 10, 0, 20, 1), "eth0", "rxerr/s", 12.4) in got
    assert ("cpu", datetime(2018, 7, 10, 13, 20, 1), "all", "%user", 4.0) in got   # PM
    assert not [r for r in got if r[0] == "cpu" and r[2] != "all"]                # per-CPU lines left out
    assert len([r for r in got if r[0] == "memory"]) == 2 * 10
    late = rows("sar", "sar_iso.txt")                                              # comma decimals, midnight
    assert late[0][1:] == (datetime(2022, 2, 8, 23, 50, 1), "all", "%user", 1.5)
    assert late[6][1].day == 9 and late[6][4] == 1.6


# -- real trees --------------------------------------------------------------------------

def _unit_file_lines(path):
    return [line for line in path.read_text().splitlines()
            if len(line.split()) in (2, 3) and line.split()[1] in parsers.get("unit_files").STATES]


def _count(store, table, where="TRUE", bundle_id=None):
    """Rows of `table` where `where` holds (of one bundle, given its id)."""
    if bundle_id is not None:
        where = f"({where}) AND bundle_id = '{bundle_id}'"
    return store.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchall()[0][0]


@requires_corpus
@pytest.mark.parametrize("tree, unit_files, lsblk", [
    ("sos/hotsos-kubernetes", "sos_commands/systemd/systemctl_list-unit-files", "sos_commands/block/lsblk_-O_-P"),
    ("sos/hotsos-openstack", "sos_commands/systemd/systemctl_list-unit-files", "sos_commands/block/lsblk_-O_-P"),
    ("insights/rhel7", "insights_commands/systemctl_list-unit-files",
     "insights_commands/lsblk_-P_-o_NAME_KNAME_MAJ_MIN_FSTYPE_MOUNTPOINT_LABEL_UUID_RA_RO_RM_MODEL_SIZE_STATE_OWNER"
     "_GROUP_MODE_ALIGNMENT_MIN-IO_OPT-IO_PHY-SEC_LOG-SEC_ROTA_SCHED_RQ-SIZE_TYPE_DISC-ALN_DISC-GRAN_DISC-MAX_DISC-ZERO"),
])
def test_real_trees(corpus_store, tree, unit_files, lsblk):
    root, store, bundle = CORPUS / tree, corpus_store, corpus_bundle(corpus_store, tree)
    assert _count(store, "unit_files", bundle_id=bundle) == len(_unit_file_lines(root / unit_files))
    raw = [line for line in (root / lsblk).read_text().splitlines() if line.startswith('NAME="')]
    assert _count(store, "block_devices", bundle_id=bundle) == len(raw)
    mounted = [line.split('MOUNTPOINT="')[1].split('"')[0] for line in raw if 'MOUNTPOINT="/"' in line]
    assert store.execute("SELECT mountpoint FROM block_devices WHERE mountpoint = '/' AND bundle_id = ?",
                         [bundle]).fetchall() == [(m,) for m in mounted]
    sources = dict(store.execute("SELECT source, status FROM sources WHERE path IS NOT NULL AND bundle_id = ?",
                                 [bundle]).fetchall())
    if tree.startswith("sos"):
        rules = [line for name in ("ip_-4_rule", "ip_-6_rule")
                 for line in (root / "sos_commands/networking" / name).read_text().splitlines() if line.strip()]
        assert _count(store, "ip_rules", "namespace IS NULL", bundle) == len(rules)
        assert _count(store, "ip_rules", "family = 'inet' AND lookup = 'main' AND namespace IS NULL", bundle) == 1
    else:
        raw_stats = (root / "insights_commands/ethtool_-S_eth0").read_text().splitlines()[1:]
        assert _count(store, "net_counters", "file = 'ethtool' AND section = 'eth0'", bundle) == len(raw_stats)
        assert sources["multipath"] == "parsed" and _count(store, "multipath", bundle_id=bundle) == 0  # 'Command not found'
        assert _count(store, "unit_properties", bundle_id=bundle) == 0


@requires_corpus
def test_namespaces_of_the_openstack_tree(corpus_store):
    net = CORPUS / "sos/hotsos-openstack/sos_commands/networking"
    store, bundle = corpus_store, corpus_bundle(corpus_store, "sos/hotsos-openstack")
    for path in sorted(net.glob("ip_netns_exec_*tables-save")):
        namespace = path.name[len("ip_netns_exec_"):].rsplit("_", 1)[0]
        family = "ipv6" if path.name.endswith("ip6tables-save") else "ipv4"
        lines = path.read_text().splitlines()
        where = f"namespace = '{namespace}' AND family = '{family}'"
        assert _count(store, "netns_iptables_rules", where, bundle) == sum(line.startswith("-A ") for line in lines)
        assert _count(store, "netns_iptables_chains", where, bundle) == sum(line.startswith(":") for line in lines)
    rules = sum(len(p.read_text().splitlines()) for p in net.glob("ip_netns_exec_*_ip_rule_list"))
    assert _count(store, "ip_rules", "namespace IS NOT NULL", bundle) == rules
    # the host's own firewall tables stay the host's
    assert _count(store, "iptables_rules", "chain LIKE 'neutron-l3-agent-%'", bundle) == 0


# -- our collector -------------------------------------------------------------------------

def test_the_collector_gathers_them_and_they_load(tmp_path):
    import fakenode
    root, bin_dir, out = fakenode.make(tmp_path)
    for name, fixture in (("proc/partitions", "partitions.txt"), ("proc/net/bonding/bond0", "bonding.txt"),
                          ("var/log/sa/sar10", "sar.txt"), ("etc/cni/net.d/10-flannel.conflist", "cni_config.txt")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(fixture_text(fixture))
    for name in ("sys/class/net/eth0/device", "sys/class/net/lo", "var/run/netns"):
        (root / name).mkdir(parents=True)
    (root / "var/run/netns/ns1").write_text("")
    columns = "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,SIZE,RO,RM,ROTA,FSTYPE,MOUNTPOINT,MODEL"
    fake_command(bin_dir, "lsblk", {f"-b_-P_-o_{columns}": "lsblk_pairs.txt"})
    fake_command(bin_dir, "multipath", {"-ll": "multipath.txt"})
    fake_command(bin_dir, "iscsiadm", {"-m_session_-P_3": "iscsi_session_p3.txt"})
    units = "_".join(f"{u}.service" for u in ("kubelet", "docker", "containerd", "etcd", "crio"))
    fake_command(bin_dir, "systemctl", {"list-unit-files_--no-pager": "unit_files.txt",
                                   f"show_{units}_--no-pager": "unit_properties.txt"})
    fake_command(bin_dir, "ip", {"rule": "ip_rule.txt", "netns_exec_ns1_iptables-save": "netns_iptables.txt"})
    fake_command(bin_dir, "ethtool", {"-S_eth0": "ethtool_stats.txt"})
    fake_command(bin_dir, "podman", {"info": "container_runtime.txt"})         # an old podman: --format json fails
    fake_command(bin_dir, "crictl", {"info": "crictl_info.txt"})
    bundle = run_collector(root, bin_dir, out, "--exclude", "docker*", "--timeout", "5")[0]
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        assert not load(store, [bundle], strict=True).failed
        tables = ("block_devices", "partitions", "multipath", "iscsi_sessions", "unit_files", "unit_properties",
                  "ip_rules", "bonding", "netns_iptables_rules", "container_runtime", "cni_configs")
        counts = {t: _count(store, t) for t in tables}
        assert counts == {"block_devices": 3, "partitions": 5, "multipath": 4, "iscsi_sessions": 2, "unit_files": 7,
                          "unit_properties": 25, "ip_rules": 6, "bonding": 2, "netns_iptables_rules": 3,
                          "container_runtime": 2, "cni_configs": 2}
        assert _count(store, "net_counters", "file = 'ethtool' AND section = 'eth0'") == 6
        assert _count(store, "net_counters", "file = 'ethtool' AND section = 'lo'") == 0     # no device behind it
        assert _count(store, "sar", "section = 'edev'") == 36
        assert store.execute("SELECT DISTINCT namespace FROM netns_iptables_rules").fetchall() == [("ns1",)]
