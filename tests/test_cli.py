"""The command line in process (typer's CliRunner): exit codes that never lie, names checked
before any work, one --db and one set of choices, and output in every format."""
import io
import json
import re
import shutil
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from sosql import open_store
from sosql.cli import app

from conftest import SAMPLES

NODE3 = SAMPLES / "sosql-node3-20180710T020200Z.tar.gz"
NODE5 = SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"
READING = [["check"], ["query", "SELECT 1"], ["report"], ["tables"], ["sources"], ["timeline"],
           ["diff", "a", "b"], ["export", "hosts", "--out", "h.csv"]]
FIRING_RULE = """/*
title: Every host, for the test
severity: info
description: Fires on every host.
remediation: None.
*/
SELECT bundle_id, hostname AS evidence FROM hosts
"""


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "s.duckdb"
    assert run("load", NODE3, NODE5, "--db", path, "--jobs", 1).exit_code == 0
    assert run("check", "--db", path).exit_code == 0
    return path


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_never_create_a_store(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--db", tmp_path / "typo.duckdb")
    assert result.exit_code == 1 and "typo.duckdb: no such store" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, said", [
    (["check", "--only", "soft_lokup"], "did you mean 'soft_lockup'"),
    (["check", "--fail-on", "hgih"], "did you mean 'high'"),
    (["check", "--format", "jsn"], "did you mean 'json'"),
    (["sources", "nodeQ"], "no host or bundle 'nodeQ'"),
    (["sources", "--status", "mising"], "did you mean 'missing'"),
    (["timeline", "--host", "node9"], "did you mean 'node5' or 'node3'"),
    (["diff", "node3", "node55"], "no host or bundle 'node55'"),
    (["report", "--host", "nod5"], "did you mean 'node5'"),
    (["rules", "show", "soft_lokup"], "did you mean 'soft_lockup'"),
    (["export", "fleet_stat", "--out", "x.csv"], "did you mean 'fleet_stats'"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_unknown_names_are_usage_errors_before_any_work(db, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    with open_store(db, read_only=True) as con:
        before = con.execute("SELECT value FROM meta WHERE key = 'last_check'").fetchall()
    result = run(*args, *([] if args[0] == "rules" else ["--db", db]))
    assert result.exit_code == 2 and said in result.output, result.output
    with open_store(db, read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'last_check'").fetchall() == before
    assert list(tmp_path.iterdir()) == []


def test_analyze_refuses_a_bad_fail_on_or_path_before_loading(tmp_path):
    for args in (["analyze", NODE3, "--fail-on", "hgih"], ["analyze", tmp_path / "nowhere"]):
        result = run(*args, "--db", tmp_path / "a.duckdb", "--out", tmp_path / "r.html")
        assert result.exit_code == 2, result.output
        assert not (tmp_path / "a.duckdb").exists() and not (tmp_path / "r.html").exists()


def test_each_check_replaces_the_findings_of_its_rules_and_is_recorded(db, tmp_path):
    """On a copy of the module's store (node3 and node5, loaded and checked once)."""
    db, extra = shutil.copytree(db, tmp_path / "c.duckdb"), tmp_path / "mine"
    extra.mkdir()
    (extra / "every_host.sql").write_text(FIRING_RULE)
    assert "every_host" in run("check", "--db", db, "--rules", extra, "--format", "csv").output
    only = run("check", "--db", db, "--only", "soft_lockup", "--format", "csv")
    assert "every_host" not in only.output and "from an earlier check" in only.output
    assert run("check", "--db", db).exit_code == 0           # the whole set again, without --rules
    with open_store(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM findings WHERE rule_id = 'every_host'").fetchall() == [(0,)]
        run_record = json.loads(con.execute("SELECT value FROM meta WHERE key = 'last_check'").fetchall()[0][0])
        stale = con.execute("SELECT count(*) FROM findings WHERE checked_at < ?::TIMESTAMP",
                            [run_record["at"]]).fetchall()
    assert run_record["complete"] and "soft_lockup" in run_record["rules"] and run_record["folders"] == []
    assert stale == [(0,)]


def test_load_refuses_a_duckdb_file_that_is_not_a_store(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE mine (x INTEGER)")
    result = run("load", NODE3, "--db", other, "--jobs", 1)
    assert result.exit_code == 1 and "not a sosql store" in result.output
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM information_schema.tables").fetchall() == [(1,)]


def test_tables_takes_db_and_export_covers_views_and_stdout(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    listed = run("tables", "--db", db)
    assert listed.exit_code == 0 and "fleet_stats:" in listed.output and "wilson_low" in listed.output
    assert run("export", "fleet_stats", "--out", "-", "--db", db).output.startswith("kernel_release,hosts,")
    assert list(tmp_path.iterdir()) == []                    # no file named -
    assert run("export", "findings", "--out", "f.csv", "--db", db).exit_code == 0
    assert (tmp_path / "f.csv").read_text().startswith("bundle_id,rule_id,")
    assert run("export", "findings", "--out", "f.jsonl", "--db", db).exit_code == 0
    first = json.loads((tmp_path / "f.jsonl").read_text().splitlines()[0])
    assert isinstance(first["details"], dict)


def test_json_and_csv_keep_types(db):
    sql = "SELECT details, ['a', 'b'] AS frames, true AS ok FROM findings LIMIT 1"
    row = json.loads(run("query", sql, "--db", db, "--format", "json").output)
    assert isinstance(row["details"], dict) and row["frames"] == ["a", "b"] and row["ok"] is True
    csv_lines = run("query", sql, "--db", db, "--format", "csv").output.splitlines()
    assert csv_lines[1].endswith(',"[""a"",""b""]",true')


def test_diff_json_is_only_json(db):
    lines = run("diff", "node3", "node5", "--db", db, "--format", "json").output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows and all("section" in r for r in rows)


def test_duckdb_hints_stay_in_the_message(db):
    result = run("query", "SELECT hostnam FROM hosts", "--db", db)
    assert result.exit_code == 1 and 'Candidate bindings: "hostname"' in result.output


def test_query_streams_a_huge_result(db):
    """Thirty million rows: the first line arrives at once, and the reader may stop there (the
    command then ends quietly, as click does on a closed pipe)."""
    sosql = [sys.executable, "-m", "sosql", "query", "SELECT range AS i, repeat('x', 50) AS s FROM range(30000000)",
             "--db", str(db), "--format", "json"]
    with subprocess.Popen(sosql, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        first = proc.stdout.readline()
        proc.stdout.close()
        proc.wait(timeout=60)
        assert proc.stderr.read() == ""
    assert json.loads(first) == {"i": 0, "s": "x" * 50}


def test_table_format_shows_the_first_rows_and_says_how_many_more(db):
    out = run("query", "SELECT range AS i, range / 7 AS ratio FROM range(1000)", "--db", db).output
    assert "1,000 rows (40 shown)" in out and "0.14" in out and "0.14285" not in out


def test_help_reads_cleanly_and_completion_is_on():
    top = run("--help").output
    assert "--install-completion" in top
    load_help = run("load", "--help").output
    assert "list[Path]" not in load_help and "default: 2]" not in load_help
    assert "table|csv|json" in run("query", "--help").output


def test_progress_per_rule_and_for_the_report_on_a_terminal_only(db):
    from sosql import open_store
    from sosql.cli.progress import StepProgress, phase
    from sosql.rules import checks

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    rules = checks.discover()[0][:3]
    with open_store(db, read_only=False) as store:
        steps = []
        checks.run(store, rules, progress=steps.append)
    assert steps == [r.id for r in rules]
    shown, piped = Terminal(), io.StringIO()
    for stream in (shown, piped):
        with StepProgress("checking", len(rules), stream) as bar:
            for rule in rules:
                bar.advance(rule.id)
        with phase("writing the report", stream):
            pass
    assert "checking" in shown.getvalue() and piped.getvalue() == ""


def test_terminal_tables_at_80_columns_elide_instead_of_folding(db):
    from sosql.cli import output
    sql = ("SELECT hostname, kernel_release, distro, arch, virtualization, system_vendor, system_product, "
           "bios_version, 3.14159265 AS pi FROM hosts")
    with open_store(db, read_only=True) as store:
        printed = io.StringIO()
        output.write(store.con.sql(sql), "table", printed, width=80)
    lines = printed.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("│ hostname") and lines[1].endswith(" pi │") and "│ … │" in lines[1]
    assert "node3" in lines[3] and "3.14 │" in lines[3]
    assert re.fullmatch(r"9 columns \(\d shown\)", lines[-1])
