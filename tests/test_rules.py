"""The rule file format, the runner, and users' own rule folders."""
import pytest
import sqlglot
from sqlglot import exp

from sosql import load, open_store
from sosql.errors import RuleError
from sosql.rules import checks

from conftest import SAMPLES, sosql

GOOD = """/*
title: Hosts on an old kernel
severity: low
description: Test rule.
remediation: Upgrade.
references: https://example.org/a
  https://example.org/b
tags: kernel, test
*/
SELECT bundle_id, kernel_release AS evidence, hostname FROM hosts WHERE kernel_release LIKE '3.10.0-229%'
"""


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_builtin_rules_have_complete_metadata():
    rules, errors = checks.discover()
    assert errors == []
    assert {r.id for r in rules} >= {"soft_lockup", "kernel_panic", "bridge_nf_call_iptables_disabled"}
    for rule in rules:
        assert rule.title and rule.description and rule.remediation and rule.references and rule.tags
        assert rule.severity in checks.SEVERITIES


def test_builtin_rules_run_on_an_empty_store(store):
    report = checks.run(store, checks.discover()[0])
    assert report.errors == [] and report.findings == 0


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("empty") / "s", read_only=False) as store:
        checks.load_lookups(store)
        yield store


@pytest.mark.parametrize("rule", checks.discover()[0], ids=lambda r: r.id)
def test_every_column_a_rule_names_is_in_the_contract(empty_store, rule):
    empty_store.execute(f"EXPLAIN {rule.sql}")        # DuckDB's binder names the column it lacks


@pytest.mark.parametrize("rule", checks.discover()[0], ids=lambda r: r.id)
def test_every_ordered_aggregate_has_an_order_and_every_arg_max_a_tie_breaker(rule):
    """Evidence must not change between runs or engines: two lines in one second have no order."""
    tree = sqlglot.parse_one(rule.sql, read="duckdb")
    for node in tree.find_all(exp.GroupConcat, exp.ArrayAgg):
        assert list(node.find_all(exp.Order)), f"no ORDER BY in {node.sql('duckdb')}"
    for node in tree.find_all(exp.ArgMax, exp.ArgMin):
        assert isinstance(node.expression, exp.Tuple), f"no tie-breaker in {node.sql('duckdb')}"


def test_parse_rule_fields(tmp_path):
    rule = checks.parse_rule(write(tmp_path, "old_kernel.sql", GOOD))
    assert rule.id == "old_kernel" and rule.severity == "low"
    assert rule.references == ["https://example.org/a", "https://example.org/b"]
    assert rule.tags == ["kernel", "test"] and rule.sql.startswith("SELECT")


@pytest.mark.parametrize("text, message", [
    ("SELECT 1", "no metadata block"),
    ("/*\ntitle: x\n*/\nSELECT 1", "missing metadata: severity, description, remediation"),
    (GOOD.replace("severity: low", "severity: urgent"), "severity must be one of"),
    ("/*\ntitle x\n*/\nSELECT 1", "not 'key: value'"),
    (GOOD.split("*/")[0] + "*/\n", "no query"),
])
def test_parse_rule_errors_name_the_file(tmp_path, text, message):
    path = write(tmp_path, "bad.sql", text)
    with pytest.raises(RuleError) as err:
        checks.parse_rule(path)
    assert str(path) in str(err.value) and message in str(err.value)


JOINED = GOOD.split("*/")[0] + """*/
SELECT e.bundle_id, e.raw AS evidence FROM events e JOIN sysctls s USING (bundle_id) JOIN hosts h USING (bundle_id)
WHERE e.bundle_id NOT IN (SELECT bundle_id FROM processes)
"""


def test_the_tables_a_rule_requires_are_read_from_its_query(tmp_path):
    assert checks.parse_rule(write(tmp_path, "r.sql", JOINED)).requires == ["events", "processes", "sysctls"]
    optional = JOINED.replace("tags:", "optional: processes\ntags:")
    assert checks.parse_rule(write(tmp_path, "r.sql", optional)).requires == ["events", "sysctls"]
    declared = JOINED.replace("tags:", "requires: events\ntags:")
    assert checks.parse_rule(write(tmp_path, "r.sql", declared)).requires == ["events"]
    with pytest.raises(RuleError, match="optional names tables the query does not read: links"):
        checks.parse_rule(write(tmp_path, "r.sql", JOINED.replace("tags:", "optional: links\ntags:")))


def test_a_bundle_without_a_required_table_is_not_evaluated(store, tmp_path):
    rule = checks.parse_rule(write(tmp_path, "r.sql", JOINED))
    load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"])
    store.execute("DELETE FROM sysctls")
    checks.run(store, [rule])
    assert store.execute("SELECT status, message FROM rule_runs").fetchall() == [("not_evaluated", "no sysctls in this bundle")]


def test_select_by_id_and_tag():
    rules, _ = checks.discover()
    assert [r.id for r in checks.select(rules, only=["soft_lockup"])] == ["soft_lockup"]
    assert "soft_lockup" not in [r.id for r in checks.select(rules, skip=["lockup"])]


def test_user_rule_folder_adds_findings_and_a_broken_rule_does_not_stop_others(tmp_path, sample_store_copy):
    rules_dir = tmp_path / "team-rules"
    write(rules_dir, "old_kernel.sql", GOOD)
    write(rules_dir, "broken.sql", GOOD.replace("FROM hosts", "FROM no_such_table"))
    write(rules_dir, "no_evidence.sql", GOOD.replace("kernel_release AS evidence", "kernel_release"))
    db, out = sample_store_copy, tmp_path / "r.html"
    result = sosql("check", "--db", db, "--rules", rules_dir)
    assert result.returncode == 1
    assert sosql("report", "--db", db, "--out", out).returncode == 0
    assert "broken.sql: query failed" in result.stderr and "no_such_table" in result.stderr
    assert "no_evidence.sql: query must return columns evidence" in result.stderr
    html = out.read_text()
    assert "old_kernel" in html and "Hosts on an old kernel" in html
    found = sosql("query", "SELECT rule_id, count(*) AS n FROM findings GROUP BY 1 ORDER BY 1", "--db", db,
                  "--format", "csv").stdout
    assert "old_kernel,2" in found and "kernel_panic,3" in found


def test_rerunning_check_replaces_findings(sample_store):
    before = sample_store.execute("SELECT count(*) FROM findings").fetchall()
    checks.run(sample_store, checks.discover()[0])
    assert sample_store.execute("SELECT count(*) FROM findings").fetchall() == before


@pytest.mark.parametrize("lines_at_most, threads", [(10 ** 9, "1"), (0, "default")])
def test_a_small_store_is_checked_on_one_thread(sample_store_copy, monkeypatch, lines_at_most, threads):
    """A store of fewer log lines than SMALL_STORE_LINES runs its rules on one DuckDB thread
    (each thread costs each statement its set-up); the setting is restored after."""
    default = open_store(sample_store_copy.parent / "other", read_only=False)
    default_threads = default.execute("SELECT current_setting('threads')").fetchall()[0][0]
    default.close()
    monkeypatch.setattr(checks, "SMALL_STORE_LINES", lines_at_most)
    with open_store(sample_store_copy, read_only=False) as store:
        seen = []
        rules = checks.select(checks.discover()[0], ["kernel_panic"])
        checks.run(store, rules, progress=lambda _: seen.append(
            store.execute("SELECT current_setting('threads')").fetchall()[0][0]))
        after = store.execute("SELECT current_setting('threads')").fetchall()[0][0]
    assert seen == [1 if threads == "1" else default_threads] and after == default_threads
