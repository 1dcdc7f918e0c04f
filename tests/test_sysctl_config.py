"""Configured kernel parameters (sysctl.conf, sysctl.d) and the drift from the running values."""
import pytest

from sosql import load, open_store
from sosql.parsers import sysctl_conf
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import CORPUS, fixture_text, requires_corpus

RUNNING = "kernel.pid_max = 4194304\nkernel.printk = 4\t4\t1\t7\nvm.swappiness = 60\nnet.ipv4.ip_forward = 1\n"


def test_setting_lines_and_their_quirks():
    rows = sysctl_conf.parse_member(fixture_text("sysctl_conf.txt"), "etc/sysctl.d/50-x.conf").to_pylist()
    assert [(r["line_no"], r["name"], r["value"]) for r in rows] == [
        (2, "kernel.pid_max", "2097152"), (3, "net.ipv4.ip_forward", "1"),
        (4, "net.bridge.bridge-nf-call-iptables", "1"), (5, "kernel.printk", "4 4 1 7"),
        (6, "kernel.threads-max", "2097152")]


def drift(tmp_path, files):
    bundle = write_dir(tmp_path / "b", native_files(sysctl=RUNNING, extra={f"files/{k}": v for k, v in files.items()}))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=["sysctl_config_drift"]))
        return store.execute("SELECT evidence FROM findings").fetchall()


def test_the_file_read_last_sets_the_value_and_differs(tmp_path):
    found = drift(tmp_path, {"etc/sysctl.d/30-a.conf": "kernel.pid_max = 4194304\n",
                             "etc/sysctl.d/50-b.conf": "kernel.pid_max=2097152\nkernel.printk = 4 4 1 7\n"})
    assert found == [("kernel.pid_max: running 4194304, configured 2097152 in files/etc/sysctl.d/50-b.conf:1",)]


@pytest.mark.parametrize("files", [
    {"etc/sysctl.d/30-a.conf": "kernel.pid_max = 1\n", "etc/sysctl.d/50-b.conf": "kernel.pid_max = 4194304\n"},
    {"usr/lib/sysctl.d/50-b.conf": "vm.swappiness = 10\n", "etc/sysctl.d/50-b.conf": "vm.swappiness = 60\n"},
    {"etc/sysctl.d/99-z.conf": "vm.swappiness = 10\n", "etc/sysctl.conf": "vm.swappiness=60\n"},
    {"etc/sysctl.d/10-a.conf": "net.ipv4.ip_forward = 01\nnet.bridge.bridge-nf-call-iptables = 1\n"},
], ids=["later-file-wins", "etc-overrides-usr-lib", "sysctl.conf-last", "same-number-or-not-running"])
def test_no_drift_when_what_is_read_last_is_running(tmp_path, files):
    assert drift(tmp_path, files) == []


@requires_corpus
def test_the_real_ceph_node_runs_another_pid_max_than_configured(tmp_path):
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [CORPUS / "sos" / "hotsos-openstack"])
        checks.run(store, checks.select(checks.discover()[0], only=["sysctl_config_drift"]))
        assert store.execute("SELECT evidence FROM findings").fetchall() == [
            ("kernel.pid_max: running 4194304, configured 2097152 in etc/sysctl.d/50-ceph-osd-charm.conf:1",)]
