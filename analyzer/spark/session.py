"""The Spark session sosql's Spark engine runs in: local[2] unless a master is given.

The settings are those a rule run needs on any cluster: times are node local and stored
without a zone, so the session's zone is UTC (no shift when Spark reads or returns them);
rules shuffle little data, so a few shuffle partitions beat Spark's default 200; no web UI
(a batch job, and a port less to collide on); and a quiet log4j2 config shipped beside this
module (failed queries otherwise print Java stack traces).
"""
import os
import shutil
import sys
import warnings
from pathlib import Path

from sosql.spark import SparkUnavailable, require_pyspark

DEFAULT_MASTER = "local[2]"
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    # ANSI mode (Spark 4's default) fails a query on an index past a list's end, where DuckDB
    # gives NULL (string_split(value, ' ')[3] of a short value)
    "spark.sql.ansi.enabled": "false",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",   # the store's times have no zone
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",   # bundle ids are text
    "spark.driver.extraJavaOptions": f"-Dlog4j.configurationFile=file:{LOG_CONFIG}",
}


def start(master=None, app_name="sosql", settings=None):
    """A SparkSession (the one already running in this process, if any, e.g. under spark-submit)."""
    require_pyspark()
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkUnavailable("--engine spark needs Java 17 or later: none found (set JAVA_HOME or put java on PATH)")
    # PySpark warns that pandas 3 is newer than it knows; sosql hands it no pandas (Arrow only)
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName(app_name)
    if master or not _under_spark_submit():
        master = master or DEFAULT_MASTER
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")     # a laptop's hostname may not resolve
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # UDF workers need sosql's modules
    for key, value in {**SETTINGS, **(settings or {})}.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:        # the JVM did not start: its reason is the last line printed
        said = str(exc).strip().splitlines() or [type(exc).__name__]
        raise SparkUnavailable(f"Spark did not start: {said[-1]}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    _quiet_python_side()
    return spark


def running():
    """Whether a Spark session runs in this process already (getOrCreate would return it)."""
    if "pyspark" not in sys.modules:
        return False
    from pyspark import SparkContext
    return SparkContext._active_spark_context is not None


def _quiet_python_side():
    """PySpark 4 logs each failed query with its Java stack trace as JSON; sosql reports the
    failure itself, in one line."""
    try:
        from pyspark.logger import PySparkLogger
    except ImportError:          # PySpark 3.5: no such logger
        return
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).disabled = True


def _under_spark_submit():
    """spark-submit starts the JVM first and tells Python where it is: its --master stands."""
    return "PYSPARK_GATEWAY_PORT" in os.environ
