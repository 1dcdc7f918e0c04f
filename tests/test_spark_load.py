"""`sosql load --engine spark`: bundles parsed by Spark's executors (a real local[2] session)
make the same store as a load by worker processes: table counts, files and their lines,
events per kind, crash signatures, load errors, and the findings of a check after it."""
import os
import subprocess
import sys

import pytest

from conftest import SAMPLES, needs_spark, sosql
from helpers import store_summary

# A real Spark session (one per test process: conftest.spark_engine): slow.
pytestmark = pytest.mark.slow

ONE_SAMPLE = SAMPLES / "sosql-node1-20180710T020000Z.tar.gz"


@pytest.fixture
def broken(tmp_path):
    """A bundle cut short: it must fail alone, with its one-line error, as in a local load."""
    path = tmp_path / "broken.tar.gz"
    path.write_bytes((SAMPLES / "sosql-big1-20180710T021100Z.tar.gz").read_bytes()[:6000])
    return path


def _loaded(path, bundles, engine=None):
    from sosql import load, open_store
    from sosql.rules import checks
    with open_store(path, read_only=False) as store:
        report = engine.load(store, bundles) if engine else load(store, bundles, jobs=2)
        checks.run(store, checks.discover()[0])
        files = store.execute("SELECT bundle_id, rows FROM parquet_files ORDER BY ALL").fetchall()
        errors = store.execute("SELECT bundle_id, path, error FROM load_errors ORDER BY ALL").fetchall()
        same = (store_summary(store), files, errors)
        again = engine.load(store, bundles) if engine else None      # everything is there already
        return report, again, same


@needs_spark
def test_a_spark_load_makes_the_same_store_as_a_local_one(tmp_path, spark_engine, broken, sample_store_copy):
    report, again, on_spark = _loaded(tmp_path / "spark", [SAMPLES, broken], spark_engine)
    # the local side: the session's sample store (loaded here, in one process), and the broken bundle
    assert on_spark == _loaded(sample_store_copy, [broken])[2]
    assert len(report.loaded) == 13 and [p for p, _ in report.failed] == [str(broken)]
    assert report.failed[0][1].startswith(f"{broken}: corrupt or truncated archive")
    assert len(again.skipped) == 13 and not again.loaded
    (counts, same), files, _ = on_spark
    assert counts["log_lines"] > 0 and same["findings"] and same["crash signatures"] and len(files) > 13
    # the small tables as Parquet beside the catalog, for Spark
    hosts = spark_engine.spark.read.parquet(str(tmp_path / "spark" / "tables" / "hosts.parquet"))
    assert hosts.count() == counts["hosts"]


@needs_spark
def test_the_command_loads_a_list_and_names_the_bundle_that_failed(tmp_path, broken):
    listed = tmp_path / "bundles.txt"
    listed.write_text(f"# a case folder's bundles\n{ONE_SAMPLE}\n\n{broken.as_uri()}\n")
    result = sosql("load", "--engine", "spark", "--from-list", listed, "--db", tmp_path / "store")
    assert result.returncode == 1, result.stderr
    assert f"sosql: error: {broken}: corrupt or truncated archive" in result.stderr
    assert "loaded 1 bundle(s), 0 already in the store, 1 failed" in result.stdout


@needs_spark
def test_archives_in_object_storage_load_through_sparks_file_systems(tmp_path, spark_engine, broken):
    """viewfs:// stands for s3a://, gs://…: a Hadoop file system of another scheme than file:,
    here mounted over a local folder, read only through Spark (listing, binaryFiles)."""
    from sosql import open_store
    bucket = tmp_path / "bucket"
    (bucket / "case-1").mkdir(parents=True)
    archives = [SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"]
    for archive in archives:
        (bucket / "case-1" / archive.name).write_bytes(archive.read_bytes())
    (bucket / broken.name).write_bytes(broken.read_bytes())
    (bucket / "case-1" / "notes.txt").write_text("the customer's notes\n")
    mount = f"bucket{os.getpid()}"
    spark_engine.spark.sparkContext._jsc.hadoopConfiguration().set(
        f"fs.viewfs.mounttable.{mount}.link./cases", bucket.as_uri())
    with open_store(tmp_path / "remote", read_only=False) as store:
        report = spark_engine.load(store, [f"viewfs://{mount}/cases/", f"viewfs://{mount}/cases/gone.tar.gz"])
        paths = [r[0] for r in store.execute("SELECT path FROM bundles ORDER BY path").fetchall()]
        remote = store_summary(store)
    assert paths == [f"viewfs://{mount}/cases/case-1/{a.name}" for a in archives] == sorted(report.loaded)
    assert sorted(p for p, _ in report.failed) == [f"viewfs://{mount}/cases/{broken.name}",
                                                   f"viewfs://{mount}/cases/gone.tar.gz"]
    assert "corrupt or truncated archive" in dict(report.failed)[f"viewfs://{mount}/cases/{broken.name}"]
    assert report.ignored == [f"viewfs://{mount}/cases/case-1/notes.txt"]
    with open_store(tmp_path / "local", read_only=False) as store:
        spark_engine.load(store, archives)
        local = store_summary(store)
    assert {k: v for k, v in remote[0].items() if v != local[0][k]} == {"load_errors": 2}
    assert remote[1] == local[1]


def test_bundles_at_uris_need_spark_and_a_store_on_a_file_system(tmp_path):
    listed = tmp_path / "bundles.txt"
    listed.write_text("s3a://bucket/case-1/sosreport-node1.tar.xz\n")
    result = sosql("load", "--from-list", listed, "--db", tmp_path / "store")
    assert result.returncode == 2
    assert "bundles at s3a:// URIs are read by Spark: add --engine spark" in result.stderr
    result = sosql("load", ONE_SAMPLE, "--engine", "spark", "--store-uri", "s3a://bucket/store", "--db", tmp_path / "store")
    assert result.returncode == 2
    assert "load writes the store through a file system the executors mount" in result.stderr
    result = sosql("load", tmp_path / "nowhere.tar.xz", "--db", tmp_path / "store")
    assert result.returncode == 2 and "nowhere.tar.xz: no such file or directory" in result.stderr
    assert not (tmp_path / "store").exists()


def test_a_load_needs_bundles(tmp_path):
    result = sosql("load", "--db", tmp_path / "store")
    assert result.returncode == 2 and "give bundles, or a file listing them with --from-list" in result.stderr


def test_without_pyspark_a_spark_load_says_how_to_install_it(tmp_path):
    shadow = tmp_path / "no-pyspark" / "pyspark"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named pyspark')\n")
    env = {**os.environ, "PYTHONPATH": str(shadow.parent)}
    result = subprocess.run([sys.executable, "-m", "sosql", "load", str(ONE_SAMPLE), "--db", str(tmp_path / "s"),
                             "--engine", "spark"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "sosql: error: --engine spark needs PySpark, which is not installed; install it with: "
        "pip install 'sosql[spark]' (Spark also needs Java 17 or later)")
    assert not (tmp_path / "s").exists()


@needs_spark
def test_analyze_loads_checks_and_reports_on_one_spark_session(tmp_path, spark_engine, monkeypatch):
    from sosql import open_store
    from sosql.cli import steps
    from sosql.rules import checks
    # a few rules that fire on node1: every rule on Spark is test_spark.py's (a minute)
    few = checks.select(checks.discover()[0], ["kernel_panic", "known_bad_kernel", "kdump_not_configured"])
    monkeypatch.setattr(steps, "rules", lambda rules_dirs: (few, []))
    on_spark = sosql("analyze", ONE_SAMPLE, "--engine", "spark", "--db", tmp_path / "spark", "--out", tmp_path / "s.html")
    assert on_spark.returncode == 0, on_spark.stderr
    assert sosql("analyze", ONE_SAMPLE, "--db", tmp_path / "local", "--out", tmp_path / "l.html").returncode == 0
    findings = []
    for name in ("spark", "local"):
        with open_store(tmp_path / name) as store:
            findings.append(store.execute("SELECT rule_id, severity, evidence FROM findings ORDER BY ALL").fetchall())
    assert findings[0] == findings[1] and {f[0] for f in findings[0]} == {"kernel_panic", "known_bad_kernel",
                                                                           "kdump_not_configured"}
    assert (tmp_path / "spark" / "tables" / "findings.parquet").exists()     # what Spark read, beside the catalog
    assert "node1" in (tmp_path / "s.html").read_text()
    assert spark_engine.spark.range(1).count() == 1        # the command left the session it did not start running
