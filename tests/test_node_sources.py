"""The node's storage, services, routes, load and kubelet settings: df, mounts, systemctl
list-units, ip route, /proc/loadavg, /proc/pressure, /proc/net/dev and kubelet's files.

Real trees (../shared/corpus), which hold what:
- sos/hotsos-kubernetes and sos/hotsos-openstack: sos_commands/filesys/df_-al_-x_autofs and
  df_-ali_-x_autofs, filesys/mount_-l, systemd/systemctl_list-units (no failed unit),
  networking/ip_route_show_table_all and ip_-6_route_show_table_all, and the
  top-level `uptime` link with the load average. No proc/net/dev, proc/loadavg, proc/pressure
  or kubelet files (sos's kubernetes plugin output was left out of the copy).
- insights/rhel7: insights_commands/df_-alP, df_-li, mount, ip_route_show_table_all, uptime,
  ss_-tulpn; no systemctl list-units (only list-unit-files).
"""
import fakenode
import pytest

from sosql import load, open_store, parsers

from bundles import native_files, write_dir
from conftest import CORPUS, corpus_bundle, fixture_text, requires_corpus
from helpers import fake_command, run_collector
from helpers import fixture_rows as rows


def test_df_bytes_from_blocks_and_wrapped_names():
    got = {r[1]: r for r in rows("df", "df.txt")}
    assert got["/"] == ("/dev/mapper/centos-root", "/", "bytes", 52403200 * 1024, 47100000 * 1024,
                        5303200 * 1024, 90.0)                                       # name wrapped by df
    assert got["/proc"] == ("proc", "/proc", "bytes", 0, 0, 0, None)
    assert got["/var/lib/docker"][6] == 91.0 and got["/mnt/home dir"][0] == "server1:/export/home"
    assert len(got) == 7


def test_df_inodes_and_posix_blocks():
    assert ("/dev/mapper/centos-var_lib_etcd", "/var/lib/etcd", "inodes", 1048576, 1006633, 41943, 97.0) in rows(
        "df", "df_inodes.txt")
    posix = "Filesystem     1024-blocks    Used Available Capacity Mounted on\nrootfs - - - - /\n" \
            "/dev/xvda2 10473452 1228604 9244848 12% /\n"
    got = [tuple(r.values()) for r in parsers.get("df").parse(posix).to_pylist()]
    assert got == [("rootfs", "/", "bytes", None, None, None, None),
                   ("/dev/xvda2", "/", "bytes", 10473452 * 1024, 1228604 * 1024, 9244848 * 1024, 12.0)]


def test_mounts_in_both_forms():
    proc = rows("mounts", "mounts.txt")
    assert proc[1] == ("/dev/mapper/centos-root", "/", "xfs", "rw,seclabel,relatime,attr2,inode64,noquota")
    assert proc[4] == ("server1:/export/home", "/mnt/home dir", "nfs4", "ro,relatime,vers=4.1")      # \040
    command = rows("mounts", "mount_l.txt")
    assert command[1] == ("/dev/vda1", "/", "ext4", "rw,relatime") and len(command) == 3


def test_units_with_the_failed_mark_and_without_the_legend():
    got = rows("systemctl_units", "systemctl_units.txt")
    assert len(got) == 7
    assert ("docker.service", "loaded", "failed", "failed", "Docker Application Container Engine") in got
    assert ("kubelet.service", "loaded", "failed", "failed", "kubelet: The Kubernetes Node Agent") in got
    assert ("nfs-server.service", "not-found", "inactive", "dead", "nfs-server.service") in got
    no_legend = "kubelet.service loaded failed failed kubelet\n"                         # --no-legend
    assert [tuple(r.values()) for r in parsers.get("systemctl_units").parse(no_legend).to_pylist()] == [
        ("kubelet.service", "loaded", "failed", "failed", "kubelet")]


def test_routes_tables_types_and_multipath():
    got = {(r[1], r[2], r[3]): r for r in rows("ip_route", "ip_route.txt")}
    assert got[("main", "unicast", "default")][:10] == ("inet", "main", "unicast", "default", "10.6.0.1", "ens3",
                                                       "dhcp", None, "10.6.3.201", 100)
    assert got[("main", "unicast", "10.20.0.0/16")][4:7] == ("10.6.0.11", "ens3", "bird")   # first next hop
    assert got[("2852018311", "unicast", "default")][4] == "10.100.0.1"
    assert got[("local", "local", "10.6.3.201")][7] == "host"
    assert got[("main", "blackhole", "10.244.3.0/26")][5] is None
    assert got[("main", "unicast", "fe80::/64")][0] == "inet6"
    assert len(got) == 9


def test_listeners_of_ss():
    assert rows("ss", "ss.txt") == [("udp", "UNCONN", "127.0.0.1", 323, "chronyd", 437),
                                    ("udp", "UNCONN", "*", 8472, None, None),          # not root: no process
                                    ("tcp", "LISTEN", "0.0.0.0", 22, "sshd", 3479),
                                    ("tcp", "LISTEN", "*", 10250, "kubelet", 1988),
                                    ("tcp", "LISTEN", "::", 22, "sshd", 3479)]        # ESTAB is not listening


def test_pressure_and_net_dev():
    assert rows("pressure", "pressure.txt", "files/proc/pressure/io") == [
        ("io", "some", 12.5, 8.31, 3.02, 918273645), ("io", "full", 6.1, 4.0, 1.5, 401234567)]
    dev = rows("net_dev", "net_dev.txt")
    assert len(dev) == 3 * 16
    assert ("dev", "eth0", "rx_drop", 17) in dev and ("dev", "eth0", "tx_errs", 3) in dev
    assert ("dev", "flannel.1", "tx_drop", 52) in dev and ("dev", "lo", "rx_bytes", 8123401) in dev


def test_kubelet_config_yaml_and_flags():
    got = rows("kubelet_config", "kubelet_config.txt", "files/var/lib/kubelet/config.yaml")
    assert ("config.yaml", "failSwapOn", "true") in got and ("config.yaml", "cgroupDriver", "systemd") in got
    assert ("config.yaml", "evictionHard.memory.available", "100Mi") in got
    assert ("config.yaml", "evictionHard.nodefs.available", "10%") in got                 # comment dropped
    assert ("config.yaml", "authentication.anonymous.enabled", "false") in got
    assert ("config.yaml", "clusterDNS", "10.96.0.10,10.96.0.11") in got and len(got) == 9
    assert rows("kubelet_config", "kubelet_sysconfig.txt", "files/etc/sysconfig/kubelet") == [
        ("kubelet", "--fail-swap-on", "false"), ("kubelet", "--node-ip", "10.0.0.5"), ("kubelet", "--v", "2"),
        ("kubelet", "--rotate-certificates", "true")]


@pytest.mark.parametrize("command, expected", [
    ("/usr/bin/kubelet --fail-swap-on=false --config /var/lib/kubelet/config.yaml",
     [("--fail-swap-on", "false"), ("--config", "/var/lib/kubelet/config.yaml")]),
    ('kubelet --node-labels="a=b,c=d" --v', [("--node-labels", "a=b,c=d"), ("--v", "true")]),
])
def test_kubelet_flags_of_a_command_line(command, expected):
    assert parsers.get("kubelet_config").flags(command) == expected


# -- real trees --------------------------------------------------------------------------

def _raw_root(tree, member):
    """The '/' line of a df listing, as printed."""
    return next(line.split() for line in (CORPUS / tree / member).read_text().splitlines()
                if line.split()[-1:] == ["/"] and line.split()[1].isdigit())


@requires_corpus
@pytest.mark.parametrize("tree, df, df_inodes, mounts, units, routes", [
    ("sos/hotsos-kubernetes", "sos_commands/filesys/df_-al_-x_autofs", "sos_commands/filesys/df_-ali_-x_autofs",
     56, 228, 21 + 8),
    ("sos/hotsos-openstack", "sos_commands/filesys/df_-al_-x_autofs", "sos_commands/filesys/df_-ali_-x_autofs",
     None, 300, 43 + 30),
    ("insights/rhel7", "insights_commands/df_-alP", "insights_commands/df_-li", 30, 0, 24),
])
def test_real_trees(corpus_store, tree, df, df_inodes, mounts, units, routes):
    store, of_tree = corpus_store, {"bundle": corpus_bundle(corpus_store, tree)}
    root = {u: store.execute("SELECT size, used, used_pct FROM filesystems WHERE bundle_id = $bundle AND "
                             f"mountpoint = '/' AND size IS NOT NULL AND unit = '{u}'", of_tree).fetchall()
            for u in ("bytes", "inodes")}
    raw, raw_inodes = _raw_root(tree, df), _raw_root(tree, df_inodes)
    assert root["bytes"] == [(int(raw[1]) * 1024, int(raw[2]) * 1024, float(raw[4].rstrip("%")))]
    assert root["inodes"] == [(int(raw_inodes[1]), int(raw_inodes[2]), float(raw_inodes[4].rstrip("%")))]
    count = {t: store.execute(f"SELECT count(*) FROM {t} WHERE bundle_id = $bundle", of_tree).fetchall()[0][0]
             for t in ("mounts", "units", "routes", "listeners")}
    ss = CORPUS / tree / "insights_commands" / "ss_-tulpn"
    listening = [line for line in ss.read_text().splitlines() if line.split()[1:2] in (["LISTEN"], ["UNCONN"])] \
        if ss.exists() else []
    assert count["listeners"] == len(listening)
    assert count["units"] == units and count["routes"] == routes
    assert mounts is None or count["mounts"] == mounts
    defaults = store.execute("SELECT gateway FROM routes WHERE bundle_id = $bundle AND destination = 'default' "
                             "AND type = 'unicast' AND route_table = 'main'", of_tree).fetchall()
    assert len(defaults) == 1
    assert store.execute("SELECT count(*) FROM units WHERE bundle_id = $bundle AND active = 'failed'",
                         of_tree).fetchall() == [(0,)]


# -- our collector -------------------------------------------------------------------------

def test_the_collector_gathers_them_and_they_load(tmp_path):
    root, bin_dir, out = fakenode.make(tmp_path)
    for name, fixture in (("proc/loadavg", "loadavg.txt"), ("proc/net/dev", "net_dev.txt"),
                          ("proc/pressure/memory", "pressure.txt"), ("proc/mounts", "mounts.txt"),
                          ("var/lib/kubelet/config.yaml", "kubelet_config.txt")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(fixture_text(fixture))
    fake_command(bin_dir, "df", {"-al": "df.txt", "-ali": "df_inodes.txt"})
    fake_command(bin_dir, "ip", {"route_show_table_all": "ip_route.txt"})
    fake_command(bin_dir, "systemctl", {"list-units_--all_--no-pager": "systemctl_units.txt"})
    fake_command(bin_dir, "ss", {"-tulpn": "ss.txt"})
    bundle = run_collector(root, bin_dir, out, "--exclude", "docker*", "--timeout", "5")[0]
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        assert not load(store, [bundle], strict=True).failed
        counts = {t: store.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("filesystems", "mounts", "units", "routes", "pressure", "kubelet_config", "listeners")}
        assert counts == {"filesystems": 7 + 3, "mounts": 5, "units": 7, "routes": 9, "pressure": 2,
                          "kubelet_config": 9, "listeners": 5}
        assert store.execute("SELECT load_1, load_15 FROM hosts").fetchall() == [(2.15, 1.7)]
        assert store.execute("SELECT count(*) FROM net_counters WHERE file = 'dev'").fetchone()[0] == 48


def test_the_running_kubelets_flags_are_rows_too(tmp_path):
    ps = ("USER PID COMMAND\nroot 1988 /usr/bin/kubelet --config /var/lib/kubelet/config.yaml --fail-swap-on "
          "--node-labels=a=b,c=d --v=2\nroot 2001 /usr/bin/dockerd --debug\n")
    bundle = write_dir(tmp_path / "b", native_files(extra={"commands/ps_auxwww": ps}))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        assert store.execute("SELECT source, file, name, value FROM kubelet_config ORDER BY name").fetchall() == [
            ("processes", "command line", "--config", "/var/lib/kubelet/config.yaml"),
            ("processes", "command line", "--fail-swap-on", "true"),
            ("processes", "command line", "--node-labels", "a=b,c=d"),
            ("processes", "command line", "--v", "2")]
