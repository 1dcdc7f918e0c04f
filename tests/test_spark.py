"""The Spark engine against the DuckDB engine, with a real local Spark session (local[2]).

Every shipped rule runs on both engines over the sample fleet and the corpus's sos trees,
in one store and one Spark pass; the findings and rule_runs they store must be the same
rows. This is the test that catches what the translator would drop without a word (an
ORDER BY inside an aggregate, a slice, a macro): keep every rule in it.
"""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, needs_spark, sosql

# A real Spark session (one per test process: conftest.spark_engine): slow.
pytestmark = pytest.mark.slow

SOS_TREES = ("hotsos-kubernetes", "hotsos-openstack")

USER_RULE = """/*
title: Soft lockups soon after an iSCSI error, from a lookup
severity: low
description: A user's rule: a lookup beside it, the events_near macro, an ordered list.
remediation: None.
*/
SELECT n.bundle_id, min(w.why) AS why,
       array_to_string(list(n.then_raw ORDER BY n.then_ts DESC, n.first_ts)[1:2], chr(10)) AS evidence
FROM events_near('iscsi_conn_error', 'soft_lockup', 600) n JOIN watched_kinds w ON w.kind = 'soft_lockup'
GROUP BY n.bundle_id
"""


@pytest.fixture(scope="module")
def engine(spark_engine):
    return spark_engine


@pytest.fixture(scope="module")
def fleet(sample_store, tmp_path_factory):
    """A copy of the sample fleet's store (the session's own is read only), plus the corpus trees."""
    from sosql import load, open_store
    sample_store.checkpoint()
    path = tmp_path_factory.mktemp("spark") / "fleet-store"
    shutil.copytree(sample_store.path, path)
    with open_store(path, read_only=False) as store:
        if CORPUS.is_dir():
            assert not load(store, [CORPUS / "sos" / name for name in SOS_TREES], strict=True).failed
        yield store


@pytest.fixture(scope="module")
def user_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("user-rules")
    (folder / "lockup_after_iscsi_watched.sql").write_text(USER_RULE)
    (folder / "watched_kinds.csv").write_text("kind,why\nsoft_lockup,a CPU stuck\n")
    return folder


def _stored(store):
    findings = store.execute("SELECT rule_id, bundle_id, severity, details, evidence FROM findings "
                             "ORDER BY ALL").fetchall()
    runs = store.execute("SELECT rule_id, bundle_id, status, findings, message FROM rule_runs ORDER BY ALL").fetchall()
    return findings, runs


@needs_spark
def test_every_rule_gives_the_same_rows_on_both_engines(fleet, engine, user_rules):
    from sosql.rules import checks
    rules = checks.discover([user_rules])[0]
    duckdb_report = checks.run(fleet, rules, [user_rules], complete=True)
    on_duckdb = _stored(fleet)
    spark_report = checks.run(fleet, rules, [user_rules], complete=True, engine=engine)
    on_spark = _stored(fleet)
    assert duckdb_report.errors == spark_report.errors == []
    assert len(rules) == len(list((ROOT / "analyzer" / "rules").rglob("*.sql"))) + 1
    fired = {row[0] for row in on_duckdb[0]}
    assert len(fired) >= 40 and "lockup_after_iscsi_watched" in fired     # the samples exercise most rules
    assert on_spark[0] == on_duckdb[0]
    assert on_spark[1] == on_duckdb[1]


@needs_spark
def test_a_rule_spark_cannot_run_is_an_error_not_skipped(fleet, engine, tmp_path):
    from sosql.rules import checks
    (tmp_path / "unordered.sql").write_text(USER_RULE.replace(" ORDER BY n.then_ts DESC, n.first_ts", "")
                                            .replace("JOIN watched_kinds w ON w.kind = 'soft_lockup'", "")
                                            .replace("min(w.why)", "'x'"))
    rules = checks.discover([tmp_path], include_builtin=False)[0]
    report = checks.run(fleet, rules, [tmp_path], engine=engine)
    assert [(p.rsplit("/", 1)[-1], m) for p, m in report.errors] == [
        ("unordered.sql", "does not run on Spark: list(n.then_raw) has no ORDER BY: its order is undefined")]
    assert fleet.execute("SELECT status FROM rule_runs WHERE rule_id = 'unordered'").fetchall() == [("error",)]


def test_no_shipped_rule_is_listed_as_not_running_on_spark():
    result = sosql("rules", "list", "--engine", "spark", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "id,area,reason"
    shipped = len(list((ROOT / "analyzer" / "rules").rglob("*.sql")))
    assert f"{shipped} of {shipped} rule(s) run on Spark" in result.stderr


def test_without_pyspark_the_option_says_how_to_install_it(sample_store, tmp_path):
    shadow = tmp_path / "no-pyspark" / "pyspark"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named pyspark')\n")
    env = {**os.environ, "PYTHONPATH": str(shadow.parent)}
    result = subprocess.run([sys.executable, "-m", "sosql", "check", "--db", str(tmp_path / "s"),
                             "--engine", "spark"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "sosql: error: --engine spark needs PySpark, which is not installed; install it with: "
        "pip install 'sosql[spark]' (Spark also needs Java 17 or later)")


def test_master_without_the_spark_engine_is_a_usage_error(tmp_path):
    result = sosql("check", "--db", tmp_path / "s", "--master", "local[2]")
    assert result.returncode == 2
    assert "--master and --store-uri go with --engine spark" in result.stderr


@needs_spark
def test_executors_read_the_store_at_another_uri(fleet, engine, tmp_path):
    """--store-uri: the lines copied elsewhere (as to object storage), the tables the rules read
    (and a lookup of a rule folder) written there by Spark from the driver, and those only; the
    findings are the same as read in place."""
    from sosql.rules import checks
    from sosql.spark.engine import SparkEngine
    shutil.copytree(fleet.path / "log_lines", tmp_path / "remote" / "log_lines")
    elsewhere = SparkEngine(spark=engine.spark, location=(tmp_path / "remote").as_uri())
    rules = checks.select(checks.discover()[0], ["kdump_not_configured", "known_bad_kernel", "soft_lockup"])
    query = "SELECT rule_id, bundle_id, details, evidence FROM findings WHERE rule_id IN (?, ?, ?) ORDER BY ALL"
    checks.run(fleet, rules)
    in_place = fleet.execute(query, [r.id for r in rules]).fetchall()
    assert checks.run(fleet, rules, engine=elsewhere).errors == []
    assert fleet.execute(query, [r.id for r in rules]).fetchall() == in_place
    assert {row[0] for row in in_place} == {r.id for r in rules}
    written = {p.name.removesuffix(".parquet") for p in (tmp_path / "remote" / "tables").iterdir()}
    assert {"events", "hosts", "bundles", "known_bad_kernels"} <= written
    assert "packages" not in written and "sysctls" not in written
    assert (tmp_path / "remote" / "tables" / "hosts.parquet").is_dir()      # written by Spark: part files


@needs_spark
def test_the_fleet_statistics_are_the_same_on_spark(fleet, engine):
    """The report's statistics (per kernel build, hosts of unknown kernel, crash signatures)
    from the store's views translated and run by Spark."""
    from sosql.fleet import fleetstats
    from sosql.reports import context
    for view in engine.spark.sql("SHOW VIEWS").collect():   # the views earlier tests made: gone
        engine.spark.catalog.dropTempView(view.viewName)
    engine.prepare(fleet, reads=fleetstats.READS)           # what `sosql report --engine spark` prepares
    on_duckdb, on_spark = context.fleet(fleet), context.fleet(fleet, stats=engine)
    for key in ("kernels", "unknown_kernel", "signatures"):
        assert on_spark[key] == on_duckdb[key], key
    assert len(on_duckdb["kernels"]) >= 3 and on_duckdb["signatures"]


@pytest.mark.parametrize("sql, reason", [
    ("SELECT bundle_id, string_agg(DISTINCT kind, ', ') AS evidence FROM events GROUP BY 1",
     "string_agg(DISTINCT kind, ...) has no ORDER BY: the order of its items is undefined"),
    ("SELECT bundle_id, string_agg(DISTINCT kind, ', ' ORDER BY ts) AS evidence FROM events GROUP BY 1",
     "string_agg(DISTINCT kind ...) is ordered by another expression: order it by the aggregated value"),
    ("SELECT bundle_id, 'x' AS evidence FROM events_near('a', 'b')", "events_near() takes 3 arguments, 2 given"),
    ("SELECT bundle_id, hash(hostname) AS evidence FROM hosts", "hash() has no Spark equivalent"),
    ("SELECT bundle_id, array_to_string(list_reverse(frames), ',') AS evidence FROM crashes",
     "list_reverse() has no Spark equivalent"),
])
def test_what_spark_cannot_run_as_duckdb_does_is_refused_with_the_reason(sql, reason):
    from sosql.spark.errors import Untranslatable
    from sosql.spark.translate import to_spark_sql
    with pytest.raises(Untranslatable) as refused:
        to_spark_sql(sql)
    assert str(refused.value) == reason


def test_the_translation_keeps_what_transpile_drops():
    from sosql.spark.translate import to_spark_sql
    spark_sql = to_spark_sql("SELECT bundle_id, array_to_string(list(raw ORDER BY ts DESC, line_no)[2:3], ',') AS e, "
                             "kernel_release SIMILAR TO '3\\.10\\..*' AS old, regexp_full_match(raw, 'x') AS x, 1.0 / 24 AS d "
                             "FROM events GROUP BY 1")
    assert "SLICE(" in spark_sql and ", 2, (3) - (2) + 1)" in spark_sql
    assert "WHEN l.k0 < r.k0 THEN 1 WHEN l.k0 > r.k0 THEN -1" in spark_sql          # DESC
    assert "WHEN l.k1 < r.k1 THEN -1 WHEN l.k1 > r.k1 THEN 1" in spark_sql          # then ASC
    assert "RLIKE CONCAT('^(?:', '3\\\\.10\\\\..*', ')$')" in spark_sql
    assert "(raw RLIKE CONCAT('^(?:', 'x', ')$'))" in spark_sql
    assert "CAST(1.0 AS DOUBLE) / 24" in spark_sql
