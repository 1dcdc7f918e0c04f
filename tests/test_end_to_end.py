"""The main job on the sample fleet, through the `sosql` command (in this process: typer's
CliRunner) and the library. Loads here parse in this process (--jobs 1); worker processes are
test_parallel.py's, test_store_equivalence.py's and test_hostile.py's."""
import os
import re
import shutil

import pytest

from sosql import load, open_store

from bundles import native_files, write_dir, write_tar_gz
from conftest import SAMPLES, sosql
from helpers import EXPECTED_FINDINGS, FLEET_FINDINGS

EXPECTED_KERNELS = {
    "node1": "3.10.0-229.7.2.el7.x86_64", "node2": "3.10.0-229.7.2.el7.x86_64",
    "node3": "3.10.0-693.el7.x86_64", "node4": "3.10.0-693.21.1.el7.x86_64",
    "node5": "3.10.0-693.el7.x86_64", "harbortest": "3.10.0-862.el7.x86_64", "web7": "4.15.0-112-generic",
    "node6": "3.10.0-693.el7.x86_64", "node7": "3.10.0-693.el7.x86_64", "master1": "3.10.0-862.el7.x86_64",
    "master2": "3.10.0-862.el7.x86_64", "storage1": "3.10.0-693.el7.x86_64", "big1": "3.10.0-957.el7.x86_64",
}


def test_analyze_command_writes_report_and_summary(tmp_path):
    out = tmp_path / "report.html"
    result = sosql("analyze", SAMPLES, "--db", tmp_path / "s.duckdb", "--out", out, "--jobs", 1)
    assert result.returncode == 0, result.stderr
    assert f"report: {out}" in result.stdout
    with open_store(tmp_path / "s.duckdb") as store:        # the summary says what the store holds
        total, hosts = store.execute("SELECT count(*), count(DISTINCT bundle_id) FROM findings").fetchone()
        by_severity = dict(store.execute("SELECT severity, count(*) FROM findings GROUP BY 1").fetchall())
    said = ", ".join(f"{by_severity[s]} {s}" for s in ("critical", "high", "medium", "low", "info") if s in by_severity)
    assert f"13 host(s); {total} finding(s) on {hosts} host(s): {said}" in result.stdout
    assert "  fleet: crash_signature_on_kernel_build (critical), keepalived_split_brain (critical)" in result.stdout
    html = out.read_text()
    assert "skb_under_panic" in html and "3.10.0-229.7.2.el7.x86_64" in html


def test_findings_per_host(sample_store):
    rows = sample_store.arrow("SELECT h.hostname, f.rule_id FROM hosts h "
                              "LEFT JOIN findings f USING (bundle_id)").to_pylist()
    found = {}
    for row in rows:
        found.setdefault(row["hostname"], set()).update({row["rule_id"]} - {None})
    assert found == EXPECTED_FINDINGS
    fleet = sample_store.arrow("SELECT rule_id FROM findings WHERE bundle_id IS NULL").column("rule_id").to_pylist()
    assert set(fleet) == FLEET_FINDINGS


def test_host_facts(sample_store):
    rows = sample_store.arrow("SELECT hostname, kernel_release, b.format FROM hosts JOIN bundles b USING (bundle_id)").to_pylist()
    assert {r["hostname"]: r["kernel_release"] for r in rows} == EXPECTED_KERNELS
    assert {r["hostname"] for r in rows if r["format"] == "sos"} == {"harbortest"}


def test_evidence_is_the_log_lines(sample_store):
    (row,) = sample_store.arrow("SELECT evidence, details FROM findings JOIN hosts USING (bundle_id) "
                                "WHERE hostname = 'node5' AND rule_id = 'soft_lockup'").to_pylist()
    assert row["evidence"] == ("Jul 10 09:40:13 node5 kernel: NMI watchdog: BUG: soft lockup - "
                               "CPU#0 stuck for 21s! [server:102065]")
    assert '"processes":"server"' in row["details"]


def test_syslog_year_from_collection_time(sample_store):
    (row,) = sample_store.arrow("SELECT ts FROM events JOIN hosts USING (bundle_id) "
                                "WHERE hostname = 'node1' AND kind = 'kernel_panic'").to_pylist()
    assert str(row["ts"]) == "2018-07-09 23:14:05"


def test_rotated_gzipped_log_is_loaded(sample_store):
    rows = sample_store.arrow("SELECT path, status FROM sources JOIN hosts USING (bundle_id) "
                              "WHERE hostname = 'node2' AND source = 'messages' ORDER BY path").to_pylist()
    assert rows == [{"path": "files/var/log/messages", "status": "parsed"},
                    {"path": "files/var/log/messages-20180709.gz", "status": "parsed"}]


def test_loading_twice_changes_nothing(sample_store_copy):
    counts = "SELECT (SELECT count(*) FROM bundles), (SELECT count(*) FROM log_lines), (SELECT count(*) FROM events)"
    with open_store(sample_store_copy, read_only=False) as store:      # the samples, loaded once
        before = store.execute(counts).fetchall()
        assert before[0][0] == 13
        again = load(store, [SAMPLES])
        assert (again.loaded, len(again.skipped)) == ([], 13)
        assert store.execute(counts).fetchall() == before


def test_bad_bundles_are_recorded_and_the_others_load(tmp_path):
    """Three bad bundles among five good ones of the sample fleet (the sos one too): batches
    of four, each bad one beside good ones."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sosql-node1-*", "sosql-node2-*", "sosql-node5-*", "sosql-web7-*", "sosreport-harbortest-*"):
        shutil.copy(next(SAMPLES.glob(name)), folder)
    good = next(folder.glob("sosql-node1-*.tar.gz")).read_bytes()
    (folder / "truncated.tar.gz").write_bytes(good[: len(good) // 2])
    (folder / "random.tar.xz").write_bytes(os.urandom(4096))
    write_tar_gz(folder / "no-manifest.tar.gz", {"notes.txt": "hello"})
    result = sosql("load", folder, "--db", tmp_path / "s.duckdb", "--jobs", 1)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("sosql: error: ") for line in errors)
    for name in ("truncated.tar.gz", "random.tar.xz", "no-manifest.tar.gz"):
        assert any(name in line for line in errors), (name, errors)
    assert "loaded 5 bundle(s)" in result.stdout
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        failed = store.arrow("SELECT bundle_id FROM load_errors").column("bundle_id").to_pylist()
        assert len(failed) == 3
        for table in ("bundles", "hosts", "sources", "log_lines", "events"):
            leftovers = store.execute(f"SELECT count(*) FROM {table} WHERE list_contains(?, bundle_id)",
                                      [[f for f in failed if f]]).fetchall()[0][0]
            assert leftovers == 0, table


def test_report_escapes_bundle_text_and_fetches_nothing(tmp_path):
    evil = '<script>alert("x")</script>'
    files = native_files(hostname=evil, messages=f'Jul 10 09:40:13 h kernel: NMI watchdog: BUG: soft lockup - '
                                                 f'CPU#0 stuck for 21s! [{evil}:1]\n')
    bundle = write_dir(tmp_path / "evil", files)
    out = tmp_path / "r.html"
    assert sosql("analyze", bundle, "--db", tmp_path / "e.duckdb", "--out", out).returncode == 0
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert html.count("<script") == 1 and "document.getElementById(\"filter\")" in html   # only the page's own
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import""", html)


@pytest.fixture(scope="module")
def node3_db(tmp_path_factory):
    """A store of node3 alone, loaded by the command (and only read after)."""
    db = tmp_path_factory.mktemp("node3") / "q.duckdb"
    assert sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", db).returncode == 0
    return db


def test_cli_errors_are_one_line(node3_db, tmp_path):
    db = node3_db
    bad = sosql("query", "SELECT nope FROM hosts", "--db", db)
    assert bad.returncode == 1 and bad.stderr.startswith("sosql: error: ") and bad.stderr.count("\n") == 1
    missing = sosql("query", "SELECT 1", "--db", tmp_path / "absent.duckdb")
    assert missing.returncode == 1 and "no such store" in missing.stderr
    assert not (tmp_path / "absent.duckdb").exists()


def test_query_formats(node3_db):
    db = node3_db
    csv = sosql("query", "SELECT hostname, kernel_release FROM hosts", "--db", db, "--format", "csv")
    assert csv.stdout == "hostname,kernel_release\nnode3,3.10.0-693.el7.x86_64\n"
    js = sosql("query", "SELECT hostname FROM hosts", "--db", db, "--format", "json")
    assert js.stdout == '{"hostname":"node3"}\n'
    table = sosql("query", "SELECT hostname FROM hosts", "--db", db)
    assert "node3" in table.stdout


def test_every_command_has_help_with_an_example():
    for command in ("load", "check", "report", "analyze", "query", "tables"):
        result = sosql(command, "--help")
        assert result.returncode == 0 and "Example: sosql" in result.stdout, command
