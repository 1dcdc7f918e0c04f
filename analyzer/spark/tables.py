"""Spark views of a store's tables, under the names the rules use.

- The small tables live in the DuckDB catalog, which Spark cannot read: the driver exports
  them as Parquet beside it, `<store>/tables/<name>.parquet` (export(), run by
  `sosql check --engine spark` before its rules, so they are as fresh as the catalog), the
  lookups of the rule folders (checks.load_lookups) with them.
- `log_lines` is read from the files the catalog lists (`parquet_files`), with bundle_id
  from their hive-style path, as the DuckDB view reads them.

On a cluster the executors cannot read the driver's disk: given the URI where they find the
store folder (`--store-uri s3a://bucket/fleet-store`, its log_lines copied there), Spark
itself writes the exported tables to `<uri>/tables/`, from the driver's memory.
"""
import re
import shutil
from pathlib import Path

from sosql.store import schema
from sosql.store.views import STORE_SQL

TABLES = "tables"
VIEW = re.compile(r"\s*CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)\s+AS\s+(.*)", re.S | re.I)


def export(store):
    """Write every table of the catalog but the file tables, and the connection's lookups, to
    `<store>/tables/`; returns their names. A folder of an earlier export is replaced whole
    (a lookup gone from the rule folders must not linger)."""
    folder, fresh = store.path / TABLES, store.path / f".{TABLES}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    names = [r[0] for r in store.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name IN ('memory', current_database(), 'temp') "
        "ORDER BY 1").fetchall() if r[0] not in schema.FILE_TABLES]
    for name in names:
        store.execute(f"COPY (SELECT * FROM \"{name}\") TO '{_sql_text(fresh / (name + '.parquet'))}' "
                      "(FORMAT parquet, COMPRESSION zstd)")
    _empty_file_tables(store, fresh)
    shutil.rmtree(folder, ignore_errors=True)
    fresh.rename(folder)
    return names


def _empty_file_tables(store, folder):
    """A store without a bundle yet has no log_lines file: an empty one gives Spark the columns."""
    for table in schema.FILE_TABLES:
        store.execute(f"COPY (SELECT * FROM \"{table}\" LIMIT 0) TO "
                      f"'{_sql_text(folder / (table + '.empty.parquet'))}' (FORMAT parquet)")


def register(spark, store, names, location=None, needed=None):
    """Create Spark temp views of the exported tables in `needed` (all when None) and of the
    file tables. `location` is where Spark finds the store folder (a URI such as
    s3a://bucket/fleet-store), when not at the driver's own path: the tables are written there."""
    base = (location or Path(store.path).resolve().as_uri()).rstrip("/")
    names = [n for n in names if needed is None or n in needed]
    if location:
        _upload(spark, store, names, base)
    for name in names:
        _read_table(spark, store, base, name).createOrReplaceTempView(name)
    for table in schema.FILE_TABLES:
        _file_table(spark, store, base, table).createOrReplaceTempView(table)
    for name, sql in views():
        spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW {name} AS {sql}")


def _read_table(spark, store, base, name):
    """An exported table as a DataFrame, its schema given from the file's own (Spark would
    otherwise work it out with a job per table)."""
    import pyarrow.parquet as pq
    arrow_schema = pq.read_schema(store.path / TABLES / f"{name}.parquet")
    return spark.read.schema(spark_schema(arrow_schema)).parquet(f"{base}/{TABLES}/{name}.parquet")


def spark_schema(arrow_schema):
    """The schema Spark reads a Parquet file of `arrow_schema` as: the same types (extension
    types as those that store them, times without a zone), every column nullable."""
    from pyspark.sql.pandas.types import from_arrow_type
    from pyspark.sql.types import StructField, StructType
    return StructType([StructField(f.name, from_arrow_type(_storage(f.type), prefer_timestamp_ntz=True), True)
                       for f in arrow_schema])


def _storage(arrow_type):
    import pyarrow as pa
    return arrow_type.storage_type if isinstance(arrow_type, pa.BaseExtensionType) else arrow_type


def needed_by(rules):
    """The tables `rules` read, and those the store's views read: what a check on a cluster
    must write where the executors read (the rest of the catalog stays on the driver)."""
    from sosql.rules.reads import tables_read
    found = set()
    for sql in [rule.sql for rule in rules] + [m.group(2) for m in map(VIEW.match, STORE_SQL) if m]:
        try:
            found.update(tables_read(sql))
        except ValueError:         # sqlglot cannot read it: the translation will say so
            continue
    return found


def views():
    """(name, Spark SQL) of the store's own views (store/views.py), translated as rules are."""
    from sosql.spark.translate import to_spark_sql
    found = [VIEW.match(statement) for statement in STORE_SQL]
    return [(m.group(1), to_spark_sql(m.group(2))) for m in found if m]


def _upload(spark, store, names, base):
    import pyarrow.parquet as pq
    for name in [*names, *(f"{t}.empty" for t in schema.FILE_TABLES)]:
        table = _plain(pq.read_table(store.path / TABLES / f"{name}.parquet"))
        frame = spark.createDataFrame(table if _takes_arrow(spark) else table.to_pandas(), schema=None)
        frame.coalesce(1).write.mode("overwrite").parquet(f"{base}/{TABLES}/{name}.parquet")


def _plain(table):
    """Arrow's extension types (JSON, UUID) as the types that store them: Spark knows only those."""
    import pyarrow as pa
    for index, field in enumerate(table.schema):
        if isinstance(field.type, pa.BaseExtensionType):
            table = table.set_column(index, field.name, table.column(index).cast(_storage(field.type)))
    return table


def _takes_arrow(spark):
    """PySpark 4 makes a DataFrame from an Arrow table as it is (3.5 wants pandas)."""
    return int(spark.version.split(".")[0]) >= 4


def _file_table(spark, store, base, table):
    files = [f"{base}/{r[0]}" for r in store.execute(
        "SELECT file FROM parquet_files WHERE table_name = ? ORDER BY file", [table]).fetchall()]
    columns = [c.name for c in schema.BY_NAME[table].columns]
    if not files:
        return spark.read.parquet(f"{base}/{TABLES}/{table}.empty.parquet").select(*columns)
    frame = spark.read.option("basePath", f"{base}/{table}").parquet(*files)
    return frame.select(*columns)


def _sql_text(path):
    return str(path).replace("'", "''")


