"""The source catalog: every path variant of every source is found where it says, in each format."""
import fnmatch
import io
import tarfile

import pytest

from analyzer import catalog, load, open_store
from bundles import native_files, write_dir
from conftest import FIXTURES, SAMPLES

FIXTURE_FOR_PARSER = {
    "manifest": "manifest.json", "manifest_items": "manifest.json", "sos_version": "sos_version.txt",
    "sos_manifest": "sos_manifest.json", "hostname": "hostname.txt", "uname": "uname.txt",
    "os_release": "os_release.txt", "date": "date.txt", "uptime": "uptime_proc.txt",
    "dmi_product": "dmi_product.txt", "tainted": "tainted.txt", "clock": "clock_timedatectl.txt",
    "resolv_conf": "resolv_conf.txt", "sysctl": "sysctl.txt", "modules": "modules_lsmod.txt",
    "packages": "packages_rpm.txt", "ps": "ps.txt", "ip_link": "ip_link.txt", "ip_addr": "ip_addr.txt",
    "iptables_save": "iptables_save.txt", "iptables_listing": "iptables_listing.txt",
    "nft_ruleset": "nft_ruleset.txt", "docker_info": "docker_info.txt", "dmesg": "dmesg.txt",
    "syslog": "syslog.txt", "lsb_release": "lsb_release_a.txt", "dmidecode": "dmidecode.txt",
    "dmi_id": "dmi_product.txt", "sysctl_conf": "sysctl_conf.txt",
    "sos_logs": "sos_logs.txt", "smartctl": "smartctl.txt", "bcache": "bcache.txt", "rsyslog_conf": "rsyslog_conf.txt", "lscpu": "lscpu.txt", "hostnamectl": "hostnamectl.txt", "cmdline": "cmdline.txt", "grub_default": "grub_default.txt",
    "meminfo": "meminfo.txt", "vmstat": "vmstat.txt", "buddyinfo": "buddyinfo.txt", "netstat": "netstat.txt",
    "snmp": "snmp.txt", "sockstat": "sockstat.txt", "softnet_stat": "softnet_stat.txt", "netlink": "netlink.txt",
    "loadavg": "loadavg.txt", "net_dev": "net_dev.txt", "pressure": "pressure.txt", "df": "df.txt",
    "mounts": "mounts.txt", "systemctl_units": "systemctl_units.txt", "ip_route": "ip_route.txt",
    "kubelet_config": "kubelet_config.txt", "ss": "ss.txt",
    "lsblk": "lsblk.txt", "partitions": "partitions.txt", "multipath": "multipath.txt",
    "iscsi_sessions": "iscsi_session.txt", "unit_files": "unit_files.txt", "unit_properties": "unit_properties.txt",
    "ip_rule": "ip_rule.txt", "bonding": "bonding.txt", "ethtool_stats": "ethtool_stats.txt",
    "netns_iptables": "netns_iptables.txt", "container_runtime": "podman_info.txt", "cni_config": "cni_config.txt",
    "sar": "sar.txt",
}
MARKERS = {"sosql": {"manifest.json": "manifest.json"}, "sos": {"version.txt": "sos_version.txt"},
           "insights": {"branch_info": None}}


def concrete(pattern):
    """A real member name for a candidate pattern."""
    name = (pattern.replace("[!f]*", "nat").replace("/*/", "/127.0.0.1-2018-07-10/")
            .replace("_-u_*", "_-u_kubelet").replace("--unit_*", "--unit_kubelet")
            .replace("dmesg-*", "dmesg-efi-1").replace("rpm_-qa*", "rpm_-qa").replace("pressure/*", "pressure/memory")
            .replace("bonding/*", "bonding/bond0").replace("net.d/*", "net.d/10-flannel.conflist")
            .replace("sar[0-9]*", "sar10").replace("_*_", "_cni-1a2b_").rstrip("*"))
    name = name.replace("sos_commands/*/", "sos_commands/kubernetes/")
    assert fnmatch.fnmatchcase(name, pattern), (name, pattern)
    return name


VARIANTS = [(s.name, fmt, pattern) for s in catalog.SOURCES for fmt in catalog.FORMATS
            for pattern in catalog.candidates(s, fmt)]


def test_every_parser_has_a_fixture():
    assert {s.parser for s in catalog.SOURCES} <= set(FIXTURE_FOR_PARSER)


@pytest.mark.parametrize("source, fmt, pattern", VARIANTS, ids=[f"{s}:{f}:{p}" for s, f, p in VARIANTS])
def test_source_found_at_each_path_variant(tmp_path, source, fmt, pattern):
    files = {}
    for name, fixture in MARKERS[fmt].items():
        files[name] = (FIXTURES / "parsers" / fixture).read_text() if fixture else "{}"
    member = concrete(pattern)
    files[member] = (FIXTURES / "parsers" / FIXTURE_FOR_PARSER[catalog.BY_NAME[source].parser]).read_text()
    bundle = write_dir(tmp_path / "b", files)
    with open_store(tmp_path / "c.duckdb") as store:
        report = load(store, [bundle], strict=True)
        assert not report.failed, report.failed
        rows = store.arrow("SELECT path, status, message FROM sources WHERE source = ? AND path IS NOT NULL",
                           [source]).to_pylist()
        assert [r["path"] for r in rows] == [member]
        assert rows[0]["status"] in ("parsed", "truncated"), rows


def test_unless_prefers_the_explicit_backend(tmp_path):
    save = (FIXTURES / "parsers" / "iptables_save.txt").read_text()
    bundle = write_dir(tmp_path / "b", native_files(extra={"commands/iptables-save": save,
                                                           "commands/iptables-legacy-save": save}))
    with open_store(tmp_path / "c.duckdb") as store:
        load(store, [bundle], strict=True)
        assert store.arrow("SELECT DISTINCT source, backend FROM iptables_rules").to_pylist() == [
            {"source": "iptables_legacy_save", "backend": "legacy"}]


def test_nft_tables_of_iptables_nft_are_not_counted_twice(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", native_files(extra={
        "commands/iptables-nft-save": (fx / "iptables_save.txt").read_text(),
        "commands/nft_list_ruleset": (fx / "nft_ruleset.txt").read_text()}))
    with open_store(tmp_path / "c.duckdb") as store:
        load(store, [bundle], strict=True)
        assert store.arrow("SELECT DISTINCT source, family, \"table\" FROM iptables_rules ORDER BY ALL").to_pylist() == [
            {"source": "iptables_nft_save", "family": "ipv4", "table": "filter"},
            {"source": "iptables_nft_save", "family": "ipv4", "table": "nat"},
            {"source": "nft_ruleset", "family": "inet", "table": "firewalld"}]


def test_sos_manifest_gives_return_codes_and_truncation(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 4.5.0\n", "sos_reports/manifest.json": (fx / "sos_manifest.json").read_text(),
        "sos_commands/kernel/uname_-a": (fx / "uname.txt").read_text(),
        "sos_commands/kernel/dmesg": (fx / "dmesg.txt").read_text(),
        "sos_commands/docker/docker_info": (fx / "docker_info_down.txt").read_text()})
    with open_store(tmp_path / "c.duckdb") as store:
        load(store, [bundle], strict=True)
        got = {r["source"]: (r["status"], r["returncode"]) for r in store.arrow(
            "SELECT source, status, returncode FROM sources WHERE path IS NOT NULL").to_pylist()}
        assert got["uname"] == ("parsed", 0) and got["dmesg"] == ("truncated", 0)
        assert got["docker_info"] == ("parsed", 1)


def test_tailed_files_are_loaded_and_marked_truncated(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 3.9\n", "sos_commands/kernel/uname_-a": (fx / "uname.txt").read_text(),
        "sos_strings/logs/var.log.messages.tailed": (fx / "syslog.txt").read_text()})
    (tmp_path / "b" / "var" / "log").mkdir(parents=True)
    (tmp_path / "b" / "var" / "log" / "messages").symlink_to("../../sos_strings/logs/var.log.messages.tailed")
    with open_store(tmp_path / "c.duckdb") as store:
        load(store, [bundle], strict=True)
        (row,) = store.arrow("SELECT path, status, rows FROM sources WHERE source = 'messages'").to_pylist()
        assert row == {"path": "sos_strings/logs/var.log.messages.tailed", "status": "truncated", "rows": 6}


def test_sos_collect_tarball_gives_one_bundle_per_node(tmp_path):
    from sample_bundles.fleet import HOSTS
    from sample_bundles.generate import sos_files, write_tar
    inner = next(SAMPLES.glob("sosreport-*.tar.xz"))
    second = tmp_path / "second.tar.xz"
    host = dict(next(h for h in HOSTS if h["fmt"] == "sos"), name="harbor-two")
    write_tar(second, "sosreport-harbor-two-20180530183000", sos_files(host), 0, "xz")
    other = second.read_bytes()
    outer = tmp_path / "sos-collector-cluster-2018-05-30.tar"
    with tarfile.open(outer, "w") as tar:
        for name, data in ((inner.name, inner.read_bytes()), ("sosreport-harbor-two-20180530183000.tar.xz", other)):
            info = tarfile.TarInfo(f"sos-collector-cluster-2018-05-30/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with open_store(tmp_path / "c.duckdb") as store:
        report = load(store, [outer], strict=True)
        assert len(report.loaded) == 2 and all("!" in p for p in report.loaded)
        hosts = store.arrow("SELECT hostname, b.path FROM hosts JOIN bundles b USING (bundle_id) ORDER BY 1").to_pylist()
        assert [h["hostname"] for h in hosts] == ["harbor-two", "harbortest"]
        assert hosts[1]["path"] == f"{outer}!{inner.name}"
        assert len(load(store, [outer]).skipped) == 2
