"""Rules run by Spark: checks.run(store, rules, engine=SparkEngine(...)) stores their findings
and rule_runs exactly as for DuckDB; only the query runs elsewhere. The fleet statistics of
the report take the engine too (reports.render(..., stats=engine)).

    >>> engine = SparkEngine(master="local[2]")
    >>> checks.run(store, rules, engine=engine)
"""
import pyarrow as pa
import pyarrow.compute as pc

from sosql.errors import QueryError, RuleError
from sosql.spark import session, tables
from sosql.spark.errors import Untranslatable
from sosql.spark.translate import to_spark_sql
from sosql.store import versions


class SparkEngine:
    """A Spark session with views of one store's tables; `rows(rule)` runs a rule."""

    name = "spark"

    def __init__(self, spark=None, master=None, location=None, settings=None):
        # a session already running here (a notebook's, a test's) is not ours to stop
        self.owned = spark is None and not session.running()
        self.spark = spark or session.start(master, settings=settings)
        self.location = location          # where Spark reads the store folder, if not at its path
        self.spark.udf.register("version_cmp", versions.sql_version_cmp, "int")

    def prepare(self, store, rules=None, reads=()):
        """Export the catalog's tables (and the rule folders' lookups) and make views of those
        `rules`, `reads` (table names) and the store's views read (of all, given neither); at
        another location, those are written there."""
        needed = None if rules is None and not reads else tables.needed_by(rules or []) | set(reads)
        tables.register(self.spark, store, tables.export(store), self.location, needed)

    def load(self, store, paths, progress=None, strict=False):
        """Load bundles, parsed by the executors (load.py); a loader.LoadReport."""
        from sosql.spark.load import load
        return load(store, paths, self.spark, self.location, progress, strict)

    def rows(self, rule):
        """The rule's rows as an Arrow table, as DuckDB's would be."""
        try:
            return self.arrow(rule.sql)
        except Untranslatable as exc:
            raise RuleError(rule.path, f"does not run on Spark: {exc}") from exc

    def arrow(self, sql):
        """Any query of the store in DuckDB SQL, run by Spark, as Arrow: so the fleet statistics
        (fleetstats.py) take the engine where they take a store."""
        spark_sql = to_spark_sql(sql)
        try:
            return naive_times(collect_arrow(self.spark.sql(spark_sql)))
        except Exception as exc:       # Spark's errors (analysis, execution) have no common base
            raise QueryError(_first_line(exc)) from exc

    def stop(self):
        """Stop the session, if this engine started it."""
        if self.owned:
            self.spark.stop()


def collect_arrow(frame):
    """A DataFrame's rows as an Arrow table (toArrow from PySpark 4; 3.5 has the batches)."""
    if hasattr(frame, "toArrow"):
        return frame.toArrow()
    batches = frame._collect_as_arrow()
    return pa.Table.from_batches(batches) if batches else pa.Table.from_pandas(frame.toPandas())


def naive_times(table):
    """Spark hands timestamps over in the session's zone (UTC); the store's times have none."""
    for index, column in enumerate(table.schema):
        if pa.types.is_timestamp(column.type) and column.type.tz is not None:
            naive = pc.cast(table.column(index), pa.timestamp(column.type.unit))
            table = table.set_column(index, column.name, naive)
    return table


def _first_line(exc):
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
