"""Configured kernel parameters (sysctl.conf, sysctl.d): the parser, and the drift from the running values
on a real node. The rule's other cases are beside it (sysctl_config_drift.cases.toml)."""
from sosql.parsers import sysctl_conf

from conftest import fixture_text


def test_setting_lines_and_their_quirks():
    rows = sysctl_conf.parse_member(fixture_text("sysctl_conf.txt"), "etc/sysctl.d/50-x.conf").to_pylist()
    assert [(r["line_no"], r["name"], r["value"]) for r in rows] == [
        (2, "kernel.pid_max", "2097152"), (3, "net.ipv4.ip_forward", "1"),
        (4, "net.bridge.bridge-nf-call-iptables", "1"), (5, "kernel.printk", "4 4 1 7"),
        (6, "kernel.threads-max", "2097152")]


def test_the_real_ceph_node_runs_another_pid_max_than_configured(corpus_store):
    assert corpus_store.execute("SELECT evidence FROM findings WHERE rule_id = 'sysctl_config_drift'").fetchall() == [
        ("kernel.pid_max: running 4194304, configured 2097152 in etc/sysctl.d/50-ceph-osd-charm.conf:1",)]
