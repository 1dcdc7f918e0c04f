"""The rewrite step on sqlglot's syntax tree (DuckDB dialect), for what its transpile to Spark
drops or breaks without a word. Each rewrite returns (node to replace, replacement) or None.
"""
from sqlglot import exp

from sosql.spark import aggregates
from sosql.spark.errors import Untranslatable, spark_sql, to_spark


def _slice(node):
    """DuckDB list slices `x[a:b]` (1-based, both ends in) are left as they are by transpile,
    which Spark cannot parse."""
    if not isinstance(node, exp.Bracket) or len(node.expressions) != 1 \
            or not isinstance(node.expressions[0], exp.Slice):
        return None
    bounds = node.expressions[0]
    start, end = bounds.this, bounds.expression
    if start is None or end is None:
        raise Untranslatable(f"{spark_sql(node, 'duckdb')}: a slice needs both ends on Spark")
    first = spark_sql(start)
    return node, to_spark(f"slice({spark_sql(node.this)}, {first}, ({spark_sql(end)}) - ({first}) + 1)")


# regexp_full_match(x, p) too, where sqlglot knows it
FULL_MATCHES = tuple(getattr(exp, name) for name in ("SimilarTo", "RegexpFullMatch") if hasattr(exp, name))


def _similar_to(node):
    """`x SIMILAR TO 'p'` is a full match of the regular expression p; transpile keeps the
    words, which Spark does not know."""
    if not isinstance(node, FULL_MATCHES):
        return None
    pattern = f"concat('^(?:', {spark_sql(node.expression)}, ')$')"
    return node, to_spark(f"({spark_sql(node.this)} RLIKE {pattern})")


def _list_position(node):
    """list_position is NULL when the item is not in the list; Spark's array_position is 0."""
    if not (isinstance(node, exp.Anonymous) and node.name.lower() in ("list_position", "list_indexof",
                                                                     "array_position", "array_indexof")):
        return None
    haystack, needle = (spark_sql(e) for e in node.expressions)
    return node, to_spark(f"nullif(array_position({haystack}, {needle}), 0)")


def _seconds(node):
    """to_seconds(x), an interval of x seconds (fractions too), which transpile keeps by name."""
    if not isinstance(node, exp.Anonymous) or node.name.lower() != "to_seconds":
        return None
    return node, to_spark(f"make_dt_interval(0, 0, 0, {spark_sql(node.expressions[0])})")


def _epoch(node):
    """epoch(ts) is seconds with their fraction; Spark's unix_timestamp drops the fraction."""
    if not isinstance(node, exp.TimeToUnix):
        return None
    return node, to_spark(f"(unix_micros(CAST({spark_sql(node.this)} AS TIMESTAMP)) / 1000000)")


def _hugeint(node):
    """DuckDB's HUGEINT (INT128) is no Spark type: DECIMAL(38, 0) holds the same integers."""
    if isinstance(node, exp.DataType) and node.this in (exp.DataType.Type.INT128, exp.DataType.Type.UINT128):
        return node, exp.DataType.build("DECIMAL(38, 0)")
    return None


def _division(node):
    """DuckDB's `/` divides as DOUBLE whatever the operands; Spark's keeps DECIMAL operands
    DECIMAL, with few digits (1.0 / 24 is 0.041667)."""
    if not isinstance(node, exp.Div):
        return None
    return node, exp.Div(this=exp.cast(node.this.copy(), "DOUBLE"), expression=node.expression.copy())


def _grouped_subquery(node):
    """A correlated scalar subquery in a grouped SELECT (correlated on a group key, so one value
    per group) is refused by Spark's analyzer unless inside an aggregate: first() is that value."""
    if not isinstance(node, exp.Subquery) or isinstance(node.parent, (exp.In, exp.Exists, exp.From, exp.Join)) \
            or node.find_ancestor(exp.AggFunc) is not None:
        return None
    select = node.find_ancestor(exp.Select)
    if select is None or not select.args.get("group") or node.find_ancestor(exp.Where, exp.From, exp.Join):
        return None
    return node, exp.func("first", node.copy())


REWRITES = (aggregates.rewrite, _slice, _similar_to, _list_position, _seconds, _epoch, _hugeint,
            _division, _grouped_subquery)


def apply(tree):
    """Rewrite the tree in place, innermost nodes first (an argument's rewrite is in its parent's)."""
    for node in reversed(list(tree.walk())):
        for rewrite in REWRITES:
            found = rewrite(node)
            if found:
                target, replacement = found if isinstance(found, tuple) else (node, found)
                target.replace(replacement)
                break
    return tree
