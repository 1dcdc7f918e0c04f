"""Host facts, log years, processes and diff on the real trees of ../shared/corpus (skipped without it)."""
import shutil

import pytest

from sosql import load, open_store
from sosql.fleet import diff

from conftest import CORPUS, requires_corpus

pytestmark = [requires_corpus, pytest.mark.corpus]


@pytest.fixture
def corpus(corpus_store):
    """The session's store of the corpus trees (conftest.CORPUS_TREES)."""
    return corpus_store


def facts(store, tree, columns):
    (row,) = store.arrow(f"SELECT {columns} FROM hosts JOIN bundles b USING (bundle_id) WHERE b.path LIKE ?",
                         [f"%{tree}"]).to_pylist()
    return row


@pytest.mark.parametrize("tree, expected", [
    ("hotsos-openstack", ("Ubuntu 20.04.3 LTS", "ubuntu", "20.04", "QEMU", "Standard PC (i440FX + PIIX, 1996)")),
    ("hotsos-kubernetes", ("Ubuntu 20.04.3 LTS", "ubuntu", "20.04", "OpenStack Foundation", "OpenStack Nova")),
    ("rhel7", ("Red Hat Enterprise Linux Server release 7.3 (Maipo)", "rhel", "7.3", "Xen", "HVM domU")),
])
def test_distro_and_hardware(corpus, tree, expected):
    row = facts(corpus, tree, "distro, distro_id, distro_version, system_vendor, system_product")
    assert tuple(row.values()) == expected


def test_ps_m_states_come_from_the_threads(corpus):
    n, dashes, sleeping = corpus.execute(
        "SELECT count(*), count(*) FILTER (stat = '-'), count(*) FILTER (stat LIKE 'S%') FROM processes "
        "JOIN bundles b USING (bundle_id) WHERE b.path LIKE '%hotsos-openstack'").fetchall()[0]
    assert n > 300 and dashes == 0 and sleeping > n / 2


def test_diff_of_the_two_sos_trees_has_no_identical_sysctls(corpus):
    rows = diff.compare(corpus, "compute4", "juju-110cc2-k8stest-4")["sysctls"].to_pylist()
    names = [r["name"] for r in rows]
    assert rows and len(names) == len(set(names)) and all(r["a"] != r["b"] for r in rows)
    assert "dev.cdrom.info" not in names         # the same drive text on both hosts


def test_journal_header_dates_the_logs_without_a_date_file(tmp_path):
    tree = shutil.copytree(CORPUS / "sos" / "hotsos-openstack", tmp_path / "tree", symlinks=True)
    for path in (tree / "date", tree / "sos_commands" / "date"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        assert not load(store, [tree], strict=True).failed
        assert facts(store, "tree", "ts_year_inferred, ts_year_basis") == {
            "ts_year_inferred": True, "ts_year_basis": "journal_header"}
        for source in ("journal", "syslog", "kern_log"):
            n, dated, years = store.execute("SELECT count(*), count(ts), list(DISTINCT year(ts)) FILTER (ts IS NOT NULL) FROM log_lines "
                                            "WHERE source = ?", [source]).fetchall()[0]
            assert dated >= 0.99 * n and years == [2022], source
