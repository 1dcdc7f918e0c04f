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
def test_a_spark_load_makes_the_same_store_as_a_local_one(tmp_path, spark_engine, broken):
    report, again, on_spark = _loaded(tmp_path / "spark", [SAMPLES, broken], spark_engine)
    assert on_spark == _loaded(tmp_path / "local", [SAMPLES, broken])[2]
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


def test_bundles_at_uris_are_refused_before_any_work(tmp_path):
    listed = tmp_path / "bundles.txt"
    listed.write_text("s3a://bucket/case-1/sosreport-node1.tar.xz\n")
    result = sosql("load", "--from-list", listed, "--db", tmp_path / "store")
    assert result.returncode == 2
    assert "bundles are read through a file system: mount s3a:// storage on every node" in result.stderr
    result = sosql("load", ONE_SAMPLE, "--engine", "spark", "--store-uri", "s3a://bucket/store", "--db", tmp_path / "store")
    assert result.returncode == 2
    assert "load writes the store through a file system the executors mount" in result.stderr
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
