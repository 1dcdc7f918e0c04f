"""The issue-4 parsers on their fixtures: firewall, network, containers, modules, packages, processes, clock."""
import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosql import parsers

from conftest import fixture_text


def rows(parser, name, member=None):
    module = parsers.get(parser)
    text = fixture_text(name)
    result = module.parse_member(text, member) if member else module.parse(text)
    return {k: v.to_pylist() for k, v in result.items()} if isinstance(result, dict) else result.to_pylist()


def test_iptables_save():
    out = rows("iptables_save", "iptables_save.txt", "commands/iptables-save")
    chains = {(c["table"], c["chain"]): c for c in out["iptables_chains"]}
    assert chains[("nat", "PREROUTING")]["packets"] == 12 and chains[("filter", "FORWARD")]["policy"] == "DROP"
    assert chains[("filter", "DOCKER-ISOLATION")]["policy"] is None
    iso = [r for r in out["iptables_rules"] if r["chain"] == "DOCKER-ISOLATION"]
    assert [(r["position"], r["target"]) for r in iso] == [(1, "DROP"), (2, "ACCEPT"), (3, "RETURN")]
    assert (iso[0]["in_iface"], iso[0]["out_iface"], iso[0]["packets"], iso[0]["bytes"]) == ("docker0", "br-1a2b", 5, 300)
    assert (iso[1]["protocol"], iso[1]["src"], iso[1]["dst"], iso[1]["comment"]) == (
        "tcp", "10.244.0.0/16", "!10.96.0.1/32", "kube: allow pods")
    assert iso[1]["match"] == "tcp --dport 443"
    assert {r["family"] for r in out["iptables_rules"]} == {"ipv4"}


@given(st.lists(st.sampled_from(["-A", "X", " ", "\t", "\n", '"', "'", "\\", "a b", '"c d"', "\x0b", "é"])).map("".join))
def test_iptables_rule_words_are_those_shlex_gives(text):
    """The rule's words are read without shlex where no backslash is (shlex is slow)."""
    from sosql.parsers.iptables_save import _words
    try:
        expected = shlex.split(text)
    except ValueError:          # an unclosed quote: words apart at blanks
        expected = text.split()
    assert _words(text) == expected


def test_iptables_save_family_and_backend_from_name():
    out = rows("iptables_save", "iptables_save.txt", "commands/ip6tables-legacy-save")
    assert {(r["family"], r["backend"]) for r in out["iptables_rules"]} == {("ipv6", "legacy")}


def test_iptables_listing():
    out = rows("iptables_listing", "iptables_listing.txt", "sos_commands/firewall_tables/iptables_-t_filter_-nvL")
    (inp, iso) = out["iptables_chains"]
    assert (inp["policy"], inp["packets"], inp["bytes"]) == ("ACCEPT", 35398, 11_000_000)
    assert (iso["policy"], iso["references"]) == (None, 1)
    rules = out["iptables_rules"]
    assert [(r["chain"], r["position"], r["target"]) for r in rules] == [
        ("INPUT", 1, "KUBE-NODEPORTS"), ("DOCKER-ISOLATION", 1, "DROP"), ("DOCKER-ISOLATION", 2, None),
        ("DOCKER-ISOLATION", 3, "RETURN")]
    assert rules[0]["comment"] == "kubernetes health check service ports" and rules[0]["bytes"] == 38_000_000
    assert (rules[1]["in_iface"], rules[1]["out_iface"], rules[1]["src"]) == ("docker0", "br0", None)
    assert (rules[2]["protocol"], rules[2]["src"], rules[2]["match"]) == ("tcp", "10.0.0.0/8", "tcp dpt:22")


def test_ip6tables_listing_without_opt_column_and_table_from_name():
    out = rows("iptables_listing", "iptables_listing_ip6.txt", "sos_commands/networking/ip6tables_-t_nat_-nvL")
    (rule,) = out["iptables_rules"]
    assert (rule["family"], rule["table"], rule["target"], rule["match"], rule["comment"]) == (
        "ipv6", "nat", "KUBE-FORWARD", "ctstate NEW", "kubernetes forwarding rules")


def test_nft_ruleset():
    out = rows("nft_ruleset", "nft_ruleset.txt")
    assert [(c["family"], c["table"], c["chain"], c.get("policy")) for c in out["iptables_chains"]] == [
        ("ipv4", "filter", "FORWARD", "DROP"), ("ipv4", "filter", "DOCKER-ISOLATION-STAGE-1", None),
        ("inet", "firewalld", "filter_INPUT", "ACCEPT")]
    r = out["iptables_rules"]
    assert [(x["chain"], x["position"], x["target"]) for x in r] == [
        ("FORWARD", 1, "DOCKER-ISOLATION-STAGE-1"), ("FORWARD", 2, "ACCEPT"),
        ("DOCKER-ISOLATION-STAGE-1", 1, "DOCKER-ISOLATION-STAGE-2"), ("DOCKER-ISOLATION-STAGE-1", 2, "RETURN"),
        ("filter_INPUT", 1, "ACCEPT"), ("filter_INPUT", 2, "DROP"), ("filter_INPUT", 3, "ACCEPT")]
    assert (r[0]["packets"], r[1]["in_iface"], r[1]["out_iface"], r[1]["comment"]) == (12, "docker0", "!docker0", "bridge out")
    assert r[5]["src"] == "@blocked"


def test_ip_link():
    links = {link["name"]: link for link in rows("ip_link", "ip_link.txt")}
    assert list(links) == ["lo", "flannel.1", "cni0", "veth1a2b"]
    f = links["flannel.1"]
    assert (f["kind"], f["vxlan_id"], f["vxlan_local"], f["vxlan_dev"], f["vxlan_port"], f["mtu"]) == (
        "vxlan", 1, "10.5.0.185", "ens3", 8472, 8951)
    assert (links["cni0"]["kind"], links["veth1a2b"]["kind"], links["veth1a2b"]["master"], links["veth1a2b"]["peer"]) == (
        "bridge", "veth", "cni0", "if6")
    assert links["lo"]["kind"] is None and links["lo"]["details"] is None and links["lo"]["mac"] == "00:00:00:00:00:00"


def test_ip_link_oneline():
    assert [(link["name"], link["mac"], link["state"]) for link in rows("ip_link", "ip_link_oneline.txt")] == [
        ("lo", "00:00:00:00:00:00", "UNKNOWN"), ("eth0", "52:54:00:12:34:56", "UP")]


def test_ip_addr():
    assert [(a["ifname"], a["family"], a["address"], a["prefixlen"], a["scope"], a["broadcast"], a["label"])
            for a in rows("ip_addr", "ip_addr.txt")] == [
        ("ens3", "inet", "10.5.0.185", 16, "global", "10.5.255.255", "ens3"),
        ("ens3", "inet", "10.5.0.200", 32, "global", None, "ens3:vip"),
        ("ens3", "inet6", "fe80::f816:3eff:fe4b:2ef6", 64, "link", None, None)]


def test_ip_addr_oneline():
    assert [(a["ifindex"], a["address"]) for a in rows("ip_addr", "ip_addr_oneline.txt")] == [
        (1, "127.0.0.1"), (2, "192.168.1.10"), (2, "fe80::5054:ff:fe12:3456")]


def test_docker_info_text():
    (d,) = rows("docker_info", "docker_info.txt")
    assert (d["server_version"], d["storage_driver"], d["backing_filesystem"], d["supports_d_type"]) == (
        "1.13.1", "devicemapper", "xfs", False)
    assert d["data_loop_file"] == "/var/lib/docker/devicemapper/devicemapper/data"
    assert (d["cgroup_driver"], d["logging_driver"], d["runtimes"]) == ("systemd", "journald", "docker-runc, runc")
    assert d["warnings"].splitlines()[0] == "WARNING: bridge-nf-call-iptables is disabled"


def test_docker_info_json():
    (d,) = rows("docker_info", "docker_info.json")
    assert (d["server_version"], d["storage_driver"], d["supports_d_type"], d["runtimes"]) == (
        "18.09.9", "overlay2", True, "nvidia, runc")


def test_docker_info_daemon_down_gives_no_row():
    assert rows("docker_info", "docker_info_down.txt") == []


@pytest.mark.parametrize("name", ["modules_lsmod.txt", "modules_proc.txt"])
def test_modules(name):
    mods = {m["name"]: m for m in rows("modules", name)}
    assert mods["bridge"]["used_by"] == "br_netfilter" and mods["bridge"]["used_by_count"] == 1
    assert mods["br_netfilter"]["used_by"] is None


def test_modules_proc_state_and_taint():
    mods = {m["name"]: m for m in rows("modules", "modules_proc.txt")}
    assert (mods["nvidia"]["state"], mods["nvidia"]["taint"]) == ("Live", "POE")


def test_tainted():
    assert parsers.get("tainted").parse(fixture_text("tainted.txt")) == {"tainted": 12289, "taint_flags": "P O E"}
    assert parsers.get("tainted").parse("16384") == {"tainted": 16384, "taint_flags": "G L"}


def test_packages_rpm():
    assert [(p["name"], p["epoch"], p["version"], p["release"], p["arch"]) for p in rows("packages", "packages_rpm.txt")] == [
        ("kernel", None, "3.10.0", "693.el7", "x86_64"),
        ("docker", None, "1.13.1", "53.git774336d.el7.centos", "x86_64"),
        ("bind-libs", "32", "9.9.4", "61.el7", "x86_64")]


def test_packages_dpkg():
    assert [(p["name"], p["epoch"], p["version"]) for p in rows("packages", "packages_dpkg_l.txt")] == [
        ("containerd.io", None, "1.4.3-1"), ("kubelet", None, "1.19.4-00"), ("libc6", None, "2.31-0ubuntu9.2")]
    assert [(p["manager"], p["name"], p["epoch"], p["version"]) for p in rows("packages", "packages_dpkg_query.txt")] == [
        ("dpkg", "open-iscsi", None, "2.0.874-7.1ubuntu6.2"), ("dpkg", "systemd", "1", "245.4-4ubuntu3")]


def test_ps():
    procs = rows("ps", "ps.txt")
    assert [p["pid"] for p in procs] == [1, 1988, 2]
    kubelet = procs[1]
    assert (kubelet["program"], kubelet["rss"], kubelet["cpu_pct"], kubelet["command"]) == (
        "kubelet", 108720, 2.1, "/usr/bin/kubelet --node-monitor-grace-period=10s --hostname-override=node5")
    assert procs[2]["program"] == "kthreadd"


def test_ps_alx_columns_from_header():
    (init, kthreadd) = rows("ps", "ps_alx.txt")
    assert (init["user"], init["ppid"], init["command"], init["program"]) == ("0", 0, "/sbin/init splash", "init")


@pytest.mark.parametrize("name, expected", [
    ("clock_timedatectl.txt", {"timezone": "Asia/Shanghai (CST, +0800)", "clock_synchronized": False,
                               "clock_source": "timedatectl"}),
    ("clock_chronyc.txt", {"clock_synchronized": True, "clock_source": "chronyc"}),
    ("clock_ntpstat.txt", {"clock_synchronized": False, "clock_source": "ntpstat"}),
])
def test_clock(name, expected):
    assert parsers.get("clock").parse(fixture_text(name)) == expected


def test_resolv_conf():
    assert parsers.get("resolv_conf").parse(fixture_text("resolv_conf.txt")) == {
        "nameservers": "10.96.0.10,8.8.8.8", "search_domains": "cluster.local example.com"}
    assert parsers.get("resolv_conf").parse(fixture_text("resolv_conf_empty.txt"))["nameservers"] == ""


def test_sos_manifest():
    items = rows("sos_manifest", "sos_manifest.json")
    assert [(i["kind"], i["path"], i["returncode"], i["truncated"]) for i in items] == [
        ("command", "sos_commands/kernel/uname_-a", 0, False), ("command", "sos_commands/kernel/dmesg", 0, True),
        ("file", "proc/modules", None, None), ("command", "sos_commands/docker/docker_info", 1, False)]


def test_manifest_items_tolerate_wrong_types():
    text = '{"format": "sosql-bundle", "items": [{"kind": "command", "argv": ["uname", "-a"], "bytes": "12", "truncated": 1}]}'
    (item,) = parsers.get("manifest_items").parse(text).to_pylist()
    assert (item["command"], item["bytes"], item["truncated"]) == ("uname -a", None, None)
