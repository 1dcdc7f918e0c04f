"""Running sosql's rules on Apache Spark (`sosql check --engine spark`): for fleets whose
store is too big for one machine. The rules stay DuckDB SQL files; translate.py turns each
into Spark SQL, tables.py gives Spark views of the store, engine.py runs them and hands the
rows to checks.py, which stores findings exactly as for the DuckDB engine.

PySpark is an optional dependency (`pip install 'sosql[spark]'`) and needs Java 17+.
"""
from sosql.errors import SosqlError

INSTALL_HINT = "install it with: pip install 'sosql[spark]' (Spark also needs Java 17 or later)"


class SparkUnavailable(SosqlError):
    """PySpark is not installed, or Spark cannot start (no Java)."""


def require_pyspark():
    """Import pyspark or raise SparkUnavailable saying how to install it."""
    try:
        import pyspark
    except ImportError as exc:
        raise SparkUnavailable(f"--engine spark needs PySpark, which is not installed; {INSTALL_HINT}") from exc
    return pyspark
