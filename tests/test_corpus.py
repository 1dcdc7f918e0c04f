"""Real third-party data from ../shared/corpus: sos 4.2 trees from Ubuntu lab hosts.

These hosts are healthy: they are also negative controls for the event patterns.
"""
import pytest

from analyzer import load
from conftest import CORPUS, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]

SOS_TREES = {  # tree: (hostname, kernel release, distro)
    "hotsos-kubernetes": ("juju-110cc2-k8stest-4", "5.4.0-99-generic", "Ubuntu 20.04.3 LTS"),
    "hotsos-openstack": ("compute4", "5.4.0-97-generic", None),
}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    from analyzer import open_store
    with open_store(tmp_path_factory.mktemp("corpus") / "c.duckdb") as store:
        report = load(store, [CORPUS / "sos" / name for name in SOS_TREES], strict=True)
        assert not report.failed, report.failed
        yield store


@pytest.mark.parametrize("tree", SOS_TREES)
def test_sos_tree_host_facts(corpus_store, tree):
    hostname, kernel, distro = SOS_TREES[tree]
    (row,) = corpus_store.arrow(
        "SELECT h.*, b.format, b.format_version FROM hosts h JOIN bundles b USING (bundle_id) "
        "WHERE b.path LIKE ?", [f"%{tree}"]).to_pylist()
    assert (row["hostname"], row["kernel_release"], row["distro"]) == (hostname, kernel, distro)
    assert (row["format"], row["format_version"], row["arch"]) == ("sos", "4.2", "x86_64")
    assert row["boot_time"] is not None and row["virtualization"] == "KVM"


@pytest.mark.parametrize("tree", SOS_TREES)
def test_sos_tree_logs_are_loaded_and_dated(corpus_store, tree):
    rows = corpus_store.arrow(
        "SELECT source, count(*) AS n, count(ts) AS dated FROM log_lines JOIN bundles b USING (bundle_id) "
        "WHERE b.path LIKE ? GROUP BY source", [f"%{tree}"]).to_pylist()
    by_source = {r["source"]: r for r in rows}
    assert {"dmesg", "kern_log", "boot_dmesg"} <= set(by_source)
    for row in rows:
        assert row["n"] > 100 and row["dated"] >= 0.99 * row["n"], row


def test_sysctls_parsed(corpus_store):
    n = corpus_store.execute("SELECT count(*) FROM sysctls WHERE name = 'net.ipv4.ip_forward'").fetchall()[0][0]
    assert n == 2


def test_healthy_hosts_have_no_crash_events(corpus_store):
    """Neither tree has a lockup, panic, OOM kill or hung task (grep says so): no event may claim one."""
    assert corpus_store.arrow("SELECT kind, raw FROM events").to_pylist() == []


def test_loghub_syslog_sample_parses(tmp_path):
    from bundles import native_files, write_dir
    text = (CORPUS / "syslog" / "loghub-Linux_2k.log").read_text(errors="replace")
    bundle = write_dir(tmp_path / "b", native_files(hostname="combo", messages=text))
    from analyzer import open_store
    with open_store(tmp_path / "l.duckdb") as store:
        assert not load(store, [bundle], strict=True).failed
        n, with_program, dated = store.execute(
            "SELECT count(*), count(program), count(ts) FROM log_lines").fetchall()[0]
        assert n == 2000 and dated == n
        assert with_program == n - 1    # 'combo  -- root[2421]: ROOT LOGIN ON tty2' names none
        assert store.arrow("SELECT kind FROM events").num_rows == 0
