"""A rule's DuckDB SQL as Spark SQL: sqlglot's transpile (read="duckdb", write="spark") after
the rewrite step (rewrites.py, aggregates.py) and with the store's macros inlined (macros.py).

    >>> to_spark_sql("SELECT bundle_id, x SIMILAR TO 'a|b' AS hit FROM t")
    "SELECT bundle_id, (x RLIKE CONCAT('^(?:', 'a|b', ')$')) AS hit FROM t"

What cannot be run as DuckDB runs it raises Untranslatable with the reason, so a rule is
listed (sosql rules list --engine spark) rather than skipped or run wrong.
"""
import functools

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from sosql.spark import macros, rewrites
from sosql.spark.errors import Untranslatable

# DuckDB functions that transpile passes on by name to Spark, which has none of that name
# (or, hash, one that gives other values); list_* functions (but those rewritten) too.
NO_SPARK_EQUIVALENT = {"age", "hash", "nextval", "currval", "regexp_split_to_array", "array_reverse"}


@functools.lru_cache(maxsize=None)
def _store_macros():
    return macros.store_macros()


@functools.lru_cache(maxsize=512)
def to_spark_sql(sql):
    """The Spark SQL text of one DuckDB query, or Untranslatable."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError as exc:
        raise Untranslatable(f"cannot be read as DuckDB SQL: {str(exc).splitlines()[0]}") from exc
    macros.inline(tree, _store_macros())
    rewrites.apply(tree)
    _refuse_leftovers(tree)
    try:
        return tree.sql(dialect="spark", unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as exc:
        raise Untranslatable(f"no Spark equivalent: {str(exc).splitlines()[0]}") from exc


def _refuse_leftovers(tree):
    for node in tree.find_all(exp.Anonymous):
        name = node.name.lower()
        if name in NO_SPARK_EQUIVALENT or name.startswith("list_"):
            raise Untranslatable(f"{name}() has no Spark equivalent")


def check(rule):
    """(Spark SQL, None) for a rule, or (None, the reason it does not run on Spark)."""
    try:
        return to_spark_sql(rule.sql), None
    except Untranslatable as exc:
        return None, str(exc)
