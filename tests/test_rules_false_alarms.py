"""Rules that fired on real healthy hosts: each must stay silent there and still fire where it should."""
import pytest

from sosql import load
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import fixture_text

BRIDGE_DOWN = "net.bridge.bridge-nf-call-iptables = 0\nnet.bridge.bridge-nf-call-ip6tables = 0\n"
LINKS = {
    "none": "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT\n"
            "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n",
    "libvirt": "5: virbr0: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT\n"
               "    link/ether 52:54:00:aa:bb:cc brd ff:ff:ff:ff:ff:ff promiscuity 0\n    bridge forward_delay 200\n",
    "docker": "3: docker0: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT\n"
              "    link/ether 02:42:ac:11:00:01 brd ff:ff:ff:ff:ff:ff promiscuity 0\n    bridge forward_delay 1500\n",
}
CONTAINERD = ('Mar  3 10:00:00 node9 containerd[812]: time="2020-03-03T10:00:00Z" level=warning '
              'msg="failed to load plugin io.containerd.snapshotter.v1.{name}" error="{error}"\n')
SKIPPED = [("btrfs", "path /var/lib/containerd/io.containerd.snapshotter.v1.btrfs must be a btrfs filesystem "
                     "to be used with the btrfs snapshotter"),
           ("zfs", "path /var/lib/containerd/io.containerd.snapshotter.v1.zfs must be a zfs filesystem to be used "
                   "with the zfs snapshotter: skip plugin"),
           ("aufs", "modprobe aufs failed: exit status 1"),
           ("devmapper", "devmapper not configured")]


def fired(store, tmp_path, files, rule_id):
    assert not load(store, [write_dir(tmp_path / "b", files)], strict=True).failed
    checks.run(store, checks.select(checks.discover()[0], only=[rule_id]))
    return store.execute("SELECT count(*) FROM findings WHERE rule_id = ?", [rule_id]).fetchall()[0][0] > 0


@pytest.mark.parametrize("links, expected", [("none", False), ("libvirt", False), ("docker", True)])
def test_bridge_nf_off_matters_only_where_traffic_is_bridged(store, tmp_path, links, expected):
    """A RHEL 6 host with bridge-nf-call-iptables = 0 and no bridge, no container engine, no kubelet: silent."""
    files = native_files(kernel="2.6.32-754.el6.x86_64", sysctl=BRIDGE_DOWN,
                         extra={"commands/ip_-d_link": LINKS[links]})
    assert fired(store, tmp_path, files, "bridge_nf_call_iptables_disabled") is expected


def test_bridge_nf_off_on_a_kubelet_host_without_bridges(store, tmp_path):
    files = native_files(sysctl=BRIDGE_DOWN, extra={"commands/ps_auxwww": fixture_text("ps.txt")})   # kubelet runs
    assert fired(store, tmp_path, files, "bridge_nf_call_iptables_disabled")


@pytest.mark.parametrize("name, error", SKIPPED)
def test_skipped_containerd_snapshotters_are_not_storage_errors(store, tmp_path, name, error):
    files = native_files(messages=CONTAINERD.format(name=name, error=error),
                         extra={"commands/docker_info_--format_json": fixture_text("docker_info.json")})
    assert not fired(store, tmp_path, files, "overlay2_unsupported")


def test_overlayfs_snapshotter_failure_still_fires(store, tmp_path):
    line = CONTAINERD.format(name="overlayfs", error="/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs "
                                                     "does not support d_type")
    files = native_files(messages=line, extra={"commands/docker_info_--format_json": fixture_text("docker_info.json")})
    assert fired(store, tmp_path, files, "overlay2_unsupported")
