"""`sosql summary HOST`: every sample host and every corpus tree, checked against its raw files."""
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sosql import load, open_store
from sosql.cli import app
from sosql.rules import checks

from conftest import CORPUS, SAMPLES
from helpers import EXPECTED_FINDINGS

TREES = [CORPUS / "sos" / "hotsos-kubernetes", CORPUS / "sos" / "hotsos-openstack", CORPUS / "insights" / "rhel7"]
ARCHIVES = sorted(p for p in SAMPLES.iterdir() if p.name.endswith((".tar.gz", ".tar.xz")))
runner = CliRunner()


@pytest.fixture(scope="module")
def db(sample_store_path, tmp_path_factory):
    """The session's sample store (every archive of ARCHIVES) with the corpus trees added."""
    path = tmp_path_factory.mktemp("summary") / "s"
    shutil.copytree(sample_store_path, path)
    with open_store(path, read_only=False) as store:
        assert not load(store, [t for t in TREES if t.is_dir()], strict=True).failed
        checks.run(store, checks.discover()[0])
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(len(ARCHIVES) + sum(map(Path.is_dir, TREES)),)]
    return path


def summary(db, host):
    result = runner.invoke(app, ["summary", host, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    return {s["name"]: s for s in doc["sections"]}


def archive_members(path):
    """{member name below the top folder: text}, symlinks read through."""
    with tarfile.open(path) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
        texts = {n: tar.extractfile(m).read().decode(errors="replace") for n, m in members.items() if m.isfile()}
        texts.update({n: texts.get(m.linkname, "") for n, m in members.items() if m.issym()})
    return texts


def tree_members(root):
    """A corpus tree as {relative path: text}; sos's top-level links are kept as files naming their target."""
    texts = {}
    for path in root.rglob("*"):
        if path.is_file():
            texts[str(path.relative_to(root))] = path.read_text(errors="replace")
    return {n: texts.get(t.strip(), t) for n, t in texts.items()}


def first(members, *names):
    return next((members[n] for n in names if n in members), None)


def over_85(df_text, unit):
    """(mountpoint, unit) of the listing's rows at 85 % or more, read straight from df's columns."""
    rows = set()
    for line in (df_text or "").splitlines()[1:]:
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[4].rstrip("%").isdigit() and int(fields[4].rstrip("%")) >= 85 \
                and not fields[5].startswith("/snap/"):
            rows.add((fields[5], unit))
    return rows


def loads(members):
    text = first(members, "files/proc/loadavg", "sos_commands/general/uptime", "sos_commands/host/uptime",
                 "insights_commands/uptime")
    found = re.search(r"(\d+\.\d+),? (\d+\.\d+),? (\d+\.\d+)", text or "")
    return [float(v) for v in found.groups()] if found else [None] * 3


def check_against_raw(s, members, hostname):
    assert s["identity"]["data"]["hostname"] == hostname
    uname = first(members, "commands/uname_-a", "sos_commands/kernel/uname_-a", "insights_commands/uname_-a")
    assert s["kernel"]["data"]["kernel_release"] == uname.split()[2]
    up = s["uptime"]["data"]
    assert [up["load_1"], up["load_5"], up["load_15"]] == loads(members)
    meminfo = first(members, "files/proc/meminfo", "proc/meminfo")
    if meminfo:
        total = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
        assert s["memory"]["data"]["kb"]["MemTotal"] == total
    else:
        assert "meminfo" in [m["source"] for m in s["memory"]["missing"]]       # pressure alone: total unknown
        assert s["memory"]["data"] is None or s["memory"]["data"]["kb"]["MemTotal"] is None
    df = first(members, "commands/df_-al", "sos_commands/filesys/df_-al_-x_autofs", "insights_commands/df_-alP")
    inodes = first(members, "commands/df_-ali", "sos_commands/filesys/df_-ali_-x_autofs", "insights_commands/df_-li")
    if df:
        shown = {(r["mountpoint"], r["unit"]) for r in s["filesystems"]["data"]}
        assert shown == over_85(df, "bytes") | over_85(inodes, "inodes")
    else:
        assert s["filesystems"]["data"] is None and s["filesystems"]["missing"][0]["source"] == "df"
    routes = first(members, "commands/ip_route_show_table_all", "sos_commands/networking/ip_route_show_table_all",
                   "insights_commands/ip_route_show_table_all")
    if routes:
        gateways = re.findall(r"^default via (\S+) dev \S+(?!.*\btable\b)", routes, re.M)
        assert [r["gateway"] for r in s["default_route"]["data"]] == gateways
    units = first(members, "commands/systemctl_list-units_--all_--no-pager", "sos_commands/systemd/systemctl_list-units")
    if units:
        failed = re.findall(r"^[●*]?\s*(\S+)\s+loaded\s+failed\b", units, re.M)
        assert [u["unit"] for u in s["failed_units"]["data"]] == failed
    ss = first(members, "commands/ss_-tulpn", "sos_commands/networking/ss_-peaonmi", "insights_commands/ss_-tulpn")
    if ss:
        raw = {(f[0], int(f[4].rpartition(":")[2])) for f in map(str.split, ss.splitlines()) if f[1:2] in
               (["LISTEN"], ["UNCONN"])}
        shown = {(r["protocol"], int(p.split()[0])) for r in s["listening"]["data"] for p in r["ports"].split(", ")}
        assert shown == raw
    else:
        assert s["listening"]["data"] is None
    ps = first(members, "commands/ps_auxwww", "sos_commands/process/ps_auxwww", "insights_commands/ps_auxcww") or ""
    kubelets = [line for line in ps.splitlines() if re.search(r"\S*/kubelet\s", line)]
    if s["kubelet"]["data"] is not None:
        kubelet = s["kubelet"]["data"]
        assert kubelet["running"] == bool(kubelets)
        assert kubelet["flags"] and all(any(f"{n}={v}" in line for line in kubelets) for n, v in kubelet["flags"]) \
            if kubelets else kubelet["flags"] == []
    resolv = first(members, "files/etc/resolv.conf", "etc/resolv.conf")
    if resolv:
        assert s["dns"]["data"]["nameservers"] == ",".join(re.findall(r"^nameserver\s+(\S+)", resolv, re.M))
    else:
        assert s["dns"]["data"] is None and s["dns"]["missing"][0]["source"] == "resolv_conf"


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda p: p.name.split("-")[1])
def test_sample_hosts(db, archive):
    hostname = archive.name.split("-")[1]
    s = summary(db, hostname)
    check_against_raw(s, archive_members(archive), hostname)
    assert {f["rule_id"] for f in s["findings"]["data"]} == EXPECTED_FINDINGS[hostname]


@pytest.mark.parametrize("tree, hostname", [(TREES[0], "juju-110cc2-k8stest-4"), (TREES[1], "compute4"),
                                            (TREES[2], "test.redhat.com")], ids=lambda v: str(v).split("/")[-1])
def test_corpus_trees(db, tree, hostname):
    if not tree.is_dir():
        pytest.skip("../shared/corpus is absent")
    s = summary(db, hostname)
    check_against_raw(s, tree_members(tree), hostname)
    assert s["failed_units"]["data"] in ([], None)


def test_text_shows_trouble_and_what_is_missing(db):
    result = runner.invoke(app, ["summary", "node7", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "filesystems   /var/lib/docker 93% of 100.0 GiB (/dev/mapper/centos-docker)" in lines
    assert "default_route inet via 10.0.0.1 dev eth0" in lines
    assert "cpu           MISSING: lscpu (commands/lscpu)" in lines                     # never shown as healthy
    assert "network       MISSING: addresses (commands/ip_-d_addr), net_dev (files/proc/net/dev)" in lines
    node4 = runner.invoke(app, ["summary", "node4", "--db", str(db)]).output.splitlines()
    assert "default_route NONE" in node4
    node2 = runner.invoke(app, ["summary", "node2", "--db", str(db)]).output.splitlines()
    assert "failed_units  kubelet.service (failed/failed) kubelet: The Kubernetes Node Agent" in node2
    assert "              config.yaml: failSwapOn = true" in node2


def test_sos_sample_without_the_sources_says_where_they_would_be(db):
    s = summary(db, "harbortest")
    assert s["filesystems"]["missing"] == [
        {"source": "df", "path": "sos_commands/filesys/df_-al_-x_autofs"},
        {"source": "df_inodes", "path": "sos_commands/filesys/df_-ali_-x_autofs"}]
    assert s["default_route"]["data"] is None


def test_unknown_host_and_bad_format(db):
    result = runner.invoke(app, ["summary", "nosuchhost", "--db", str(db)])
    assert result.exit_code == 1 and "'nosuchhost' names 0 bundles" in result.output
    assert runner.invoke(app, ["summary", "node1", "--db", str(db), "--format", "csv"]).exit_code == 2


def test_host_report_opens_with_the_summary(db, tmp_path):
    from sosql.reports import render
    out = tmp_path / "node4.html"
    with open_store(db, read_only=True) as store:
        render.render(store, out, host="node4")
    html = out.read_text()
    summary_at, findings_at = html.index("<h2>Summary</h2>"), html.index("<h2>Findings</h2>")
    assert summary_at < findings_at
    block = html[summary_at:findings_at]
    assert "<dt>default route</dt>\n    <dd class=\"mono\">NONE</dd>" in block
    assert '<dt>cpu</dt>\n    <dd class="mono"><span class="badge sev-info">missing</span> MISSING: lscpu (commands/lscpu)' \
        in block
    assert "<dt>findings</dt>" not in block                # they follow, in full


def check_node_state_against_raw(s, members):
    """Bonds, CNI files and the CRI runtime's storage, as the raw files have them, or MISSING."""
    bonds = {n.rsplit("/", 1)[1]: t for n, t in members.items() if "proc/net/bonding/" in n}
    if bonds:
        raw = {(bond, slave) for bond, text in bonds.items()
               for slave in re.findall(r"^Slave Interface: (\S+)", text, re.M)}
        assert {(r["bond"], r["slave"]) for r in s["bonding"]["data"]} == raw
    else:
        assert s["bonding"]["data"] is None and [m["source"] for m in s["bonding"]["missing"]] == ["bonding"]
    cni = sorted(n.rsplit("/", 1)[1] for n in members if "etc/cni/net.d/" in n)
    if cni:
        assert [r["file"] for r in s["cni"]["data"]] == cni
    else:
        assert s["cni"]["data"] is None and s["cni"]["missing"][0]["source"] == "cni_configs"
    crictl = first(members, "commands/crictl_info", "sos_commands/crio/crictl_info")
    if crictl:
        shown = {r["tool"]: r for r in s["runtimes"]["data"]}
        assert shown["crictl info"]["storage_driver"] == json.loads(crictl)["config"]["containerd"]["snapshotter"]


@pytest.mark.parametrize("archive", ARCHIVES, ids=lambda p: p.name.split("-")[1])
def test_sample_hosts_node_state(db, archive):
    check_node_state_against_raw(summary(db, archive.name.split("-")[1]), archive_members(archive))


@pytest.mark.parametrize("tree, hostname", [(TREES[0], "juju-110cc2-k8stest-4"), (TREES[1], "compute4"),
                                            (TREES[2], "test.redhat.com")], ids=lambda v: str(v).split("/")[-1])
def test_corpus_trees_node_state(db, tree, hostname):
    if not tree.is_dir():
        pytest.skip("../shared/corpus is absent")
    s = summary(db, hostname)
    check_node_state_against_raw(s, tree_members(tree))
    stats = tree / "insights_commands" / "ethtool_-S_eth0"      # insights: one counter, rx_gso_checksum_fixup: 0
    assert s["nic_counters"]["data"] == ([] if stats.exists() else None)


def test_text_shows_the_bond_the_runtime_and_the_cni(db):
    lines = runner.invoke(app, ["summary", "node3", "--db", str(db)]).output.splitlines()
    assert "bonding       bond0 up · fault-tolerance (active-backup), active eth0" in lines
    assert "                eth1 down, speed unknown, 2 link failures" in lines
    assert "runtimes      containerd (crictl info) · storage overlayfs, cgroup cgroupfs, runtime runc" in lines
    assert "cni           10-flannel.conflist (in use): cbr0 · flannel, portmap" in lines
    assert "nic_counters  MISSING: ethtool_stats (commands/ethtool_-S_*)" in lines
