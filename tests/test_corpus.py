"""Real third-party data from ../shared/corpus: sos 4.2 trees from Ubuntu lab hosts.

These hosts are healthy: they are also negative controls for the event patterns.
"""
import pytest

from sosql import load

from conftest import CORPUS, corpus_bundle, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]

SOS_TREES = {  # tree: (hostname, kernel release, distro)
    "hotsos-kubernetes": ("juju-110cc2-k8stest-4", "5.4.0-99-generic", "Ubuntu 20.04.3 LTS"),
    "hotsos-openstack": ("compute4", "5.4.0-97-generic", "Ubuntu 20.04.3 LTS"),   # from lsb-release
}


@pytest.fixture(scope="module")
def sos_trees(corpus_store):
    """The session's store of the corpus trees, and the bundle ids of the two sos trees in it."""
    return corpus_store, [corpus_bundle(corpus_store, f"sos/{name}") for name in SOS_TREES]


@pytest.mark.parametrize("tree", SOS_TREES)
def test_sos_tree_host_facts(corpus_store, tree):
    hostname, kernel, distro = SOS_TREES[tree]
    (row,) = corpus_store.arrow(
        "SELECT h.*, b.format, b.format_version FROM hosts h JOIN bundles b USING (bundle_id) "
        "WHERE b.bundle_id = ?", [corpus_bundle(corpus_store, f"sos/{tree}")]).to_pylist()
    assert (row["hostname"], row["kernel_release"], row["distro"]) == (hostname, kernel, distro)
    assert (row["format"], row["format_version"], row["arch"]) == ("sos", "4.2", "x86_64")
    assert row["boot_time"] is not None and row["virtualization"] == "KVM"


@pytest.mark.parametrize("tree", SOS_TREES)
def test_sos_tree_logs_are_loaded_and_dated(corpus_store, tree):
    rows = corpus_store.arrow(
        "SELECT source, count(*) AS n, count(ts) AS dated FROM log_lines WHERE bundle_id = ? GROUP BY source",
        [corpus_bundle(corpus_store, f"sos/{tree}")]).to_pylist()
    by_source = {r["source"]: r for r in rows}
    assert {"dmesg", "kern_log", "boot_dmesg"} <= set(by_source)
    for row in rows:
        assert row["n"] > 100 and row["dated"] >= 0.99 * row["n"], row


def test_sysctls_parsed(sos_trees):
    store, trees = sos_trees
    n = store.execute("SELECT count(*) FROM sysctls WHERE name = 'net.ipv4.ip_forward' AND list_contains(?, bundle_id)",
                      [trees]).fetchall()[0][0]
    assert n == 2


def test_healthy_hosts_have_no_crash_events(sos_trees):
    """Neither tree has a lockup, panic, OOM kill or hung task (grep says so): no event may claim one.
    The one event found is true: the corpus notes 'blk_update_request: I/O error, dev loop11'."""
    store, trees = sos_trees
    rows = store.arrow("SELECT kind, device, source FROM events WHERE list_contains(?, bundle_id)", [trees]).to_pylist()
    assert rows == [{"kind": "block_io_error", "device": "loop11", "source": "kern_log"}]
    assert store.arrow("SELECT * FROM crashes WHERE list_contains(?, bundle_id)", [trees]).num_rows == 0


def test_loghub_syslog_sample_parses(tmp_path):
    from bundles import native_files, write_dir
    text = (CORPUS / "syslog" / "loghub-Linux_2k.log").read_text(errors="replace")
    bundle = write_dir(tmp_path / "b", native_files(hostname="combo", messages=text))
    from sosql import open_store
    with open_store(tmp_path / "l.duckdb", read_only=False) as store:
        assert not load(store, [bundle], strict=True).failed
        n, with_program, dated = store.execute(
            "SELECT count(*), count(program), count(ts) FROM log_lines").fetchall()[0]
        assert n == 2000 and dated == n
        assert with_program == n - 1    # 'combo  -- root[2421]: ROOT LOGIN ON tty2' names none
        assert store.arrow("SELECT kind FROM events").num_rows == 0


def test_sos_trees_and_insights_tree_fill_the_source_tables(corpus_store):
    store = corpus_store
    counts = {r["format"] + ":" + r["t"]: r["n"] for r in store.arrow("""
        SELECT b.format, t, count(*) AS n FROM (
            SELECT bundle_id, 'links' AS t FROM links UNION ALL SELECT bundle_id, 'addresses' FROM addresses
            UNION ALL SELECT bundle_id, 'sysctls' FROM sysctls UNION ALL SELECT bundle_id, 'modules' FROM modules
            UNION ALL SELECT bundle_id, 'packages' FROM packages UNION ALL SELECT bundle_id, 'processes' FROM processes
            UNION ALL SELECT bundle_id, 'chains' FROM iptables_chains UNION ALL SELECT bundle_id, 'rules' FROM iptables_rules
        ) JOIN bundles b USING (bundle_id) GROUP BY ALL""").to_pylist()}
    for table in ("links", "addresses", "sysctls", "modules", "packages", "processes"):
        assert counts.get(f"sos:{table}", 0) > 0 and counts.get(f"insights:{table}", 0) > 0, table
    # hotsos-kubernetes: 8 tables' listings (grep: 73 'Chain' lines, 94 rule lines)
    k8s = store.execute("""SELECT (SELECT count(*) FROM iptables_chains WHERE bundle_id = b.bundle_id),
                                  (SELECT count(*) FROM iptables_rules WHERE bundle_id = b.bundle_id)
                           FROM bundles b WHERE b.path LIKE '%hotsos-kubernetes'""").fetchall()
    assert k8s == [(73, 94)]
    (insights,) = store.arrow("SELECT hostname, kernel_release FROM hosts JOIN bundles b USING (bundle_id) "
                              "WHERE b.format = 'insights'").to_pylist()
    assert insights == {"hostname": "test.redhat.com", "kernel_release": "3.10.0-514.el7.x86_64"}
    assert store.arrow("SELECT * FROM load_errors").num_rows == 0
    assert store.arrow("SELECT * FROM sources WHERE status = 'error'").num_rows == 0


def test_real_iptables_save_with_docker_chains():
    from sosql import parsers
    text = (CORPUS / "formats" / "iptables-save" / "acore2026-free5gc-compose__iptables-save.txt").read_text()
    out = parsers.get("iptables_save").parse_member(text, "commands/iptables-save")
    rules, chains = out["iptables_rules"].to_pylist(), out["iptables_chains"].to_pylist()
    assert (len(chains), len(rules)) == (20, 69)          # grep -c '^:' and '^-A'
    assert {c["chain"] for c in chains} >= {"DOCKER", "DOCKER-ISOLATION-STAGE-1", "DOCKER-ISOLATION-STAGE-2", "DOCKER-USER"}
    assert {r["backend"] for r in rules} == {"nft"}


def test_every_docker_info_sample_parses():
    from sosql import parsers
    samples = sorted((CORPUS / "formats" / "docker-cli-golden").glob("*.golden"))
    samples += sorted((CORPUS / "snippets" / "insights-core-tests").glob("test_docker_info__*"))
    parsed = {}
    for path in samples:
        parsed[path.name] = parsers.get("docker_info").parse(path.read_text()).to_pylist()
    with_server = [n for n, rows in parsed.items() if rows]
    # every sample that has a server section gives one row; the rest are warnings or errors only
    for name in with_server:
        assert parsed[name][0]["storage_driver"], name
    for name in set(parsed) - set(with_server):
        text = next(p for p in samples if p.name == name).read_text()
        assert "Storage Driver" not in text and '"Driver"' not in text, name
    assert parsed["test_docker_info__docker_info1.txt"][0]["data_loop_file"] == \
        "/var/lib/docker/devicemapper/devicemapper/data"


def test_real_vmcore_dmesg_crash_with_kdump_identity():
    from sosql import parsers
    from sosql.derive import crashes
    text = (CORPUS / "snippets" / "insights-core-tests" / "test_vmcore_dmesg__VMCORE_DMESG_CRASH.txt").read_text()
    lines = [(r["line_no"], r["message"]) for t in parsers.get("dmesg").parse([(1, text)]) for r in t.to_pylist()]
    (crash,) = crashes.assemble(lines)
    assert crash["kind"] == "oops" and crash["frames"][0] == "read_balance"
    assert (crash["process"], crash["pid"], crash["cpu"], crash["kernel_release"]) == (
        "systemd-udevd", 952, 6, "3.10.0-862.9.1.el7.x86_64")
