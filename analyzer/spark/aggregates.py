"""Ordered aggregates, which sqlglot's DuckDB-to-Spark transpile drops silently: the ORDER BY
inside `list(x ORDER BY a, b)` (Spark's collect_list has none) and inside `string_agg`.

Each becomes a collect_list of (value, keys) structs sorted by a comparator written from the
ORDER BY (directions and NULLS placement as DuckDB reads them), then the values:

    list(raw ORDER BY ts, line_no)
      -> IF(count(1) = 0, NULL, transform(array_sort(collect_list(named_struct('v', raw, 'k0', ts,
         'k1', line_no)), (l, r) -> <compare k0, then k1, then v>), s -> s.v))

An aggregate whose order the rule leaves undefined (no ORDER BY) is refused: its rows would
differ between engines, and between runs of the same engine.
"""
from sqlglot import exp

from sosql.spark.errors import Untranslatable, spark_sql, to_spark


def rewrite(node):
    """The Spark replacement of an aggregate node (ArrayAgg, GroupConcat), or None."""
    if isinstance(node, exp.ArrayAgg):
        return _list(node)
    if isinstance(node, exp.GroupConcat):
        return _string_agg(node)
    return None


def _list(node):
    this = node.this
    if not isinstance(this, exp.Order):
        raise Untranslatable(f"list({spark_sql(this, 'duckdb')}) has no ORDER BY: its order is undefined")
    where = _filter(node)
    values = _sorted_values(this.this, this.expressions, where)
    return _replace(node, f"IF({_count('1', where)} = 0, NULL, {values})")


def _string_agg(node):
    this, separator = node.this, spark_sql(node.args.get("separator") or exp.Literal.string(","))
    order = this.expressions if isinstance(this, exp.Order) else None
    value = this.this if isinstance(this, exp.Order) else this
    distinct = isinstance(value, exp.Distinct)
    if distinct:
        value = value.expressions[0]
    if not order:
        raise Untranslatable(f"string_agg({'DISTINCT ' if distinct else ''}{spark_sql(value, 'duckdb')}, ...) has no "
                             "ORDER BY: the order of its items is undefined")
    where = _filter(node)
    non_null = f"{spark_sql(value)} IS NOT NULL" + (f" AND ({where})" if where else "")
    if distinct:
        values = _distinct_sorted(value, order, where)
    else:
        values = _sorted_values(value, order, non_null)
    return _replace(node, f"IF({_count(spark_sql(value), where)} = 0, NULL, array_join({values}, {separator}))")


def _distinct_sorted(value, order, where):
    """string_agg(DISTINCT x ORDER BY x [DESC]): the set of x, sorted."""
    if len(order) != 1 or order[0].this != value:
        raise Untranslatable(f"string_agg(DISTINCT {spark_sql(value, 'duckdb')} ...) is ordered by another "
                             "expression: order it by the aggregated value")
    collected = f"collect_set({spark_sql(value)})" + (f" FILTER (WHERE {where})" if where else "")
    ascending = f"array_sort({collected})"
    return f"reverse({ascending})" if order[0].args.get("desc") else ascending


def _sorted_values(value, order, where):
    fields = ", ".join(f"'k{i}', {spark_sql(o.this)}" for i, o in enumerate(order))
    collected = f"collect_list(named_struct('v', {spark_sql(value)}, {fields}))"
    if where:
        collected += f" FILTER (WHERE {where})"
    keys = [(f"k{i}", bool(o.args.get("desc")), bool(o.args.get("nulls_first"))) for i, o in enumerate(order)]
    keys.append(("v", False, False))        # equal keys: the values' own order, the same on every run
    comparisons = " ".join(f"WHEN {_compare(*key)} <> 0 THEN {_compare(*key)}" for key in keys)
    return f"transform(array_sort({collected}, (l, r) -> CASE {comparisons} ELSE 0 END), s -> s.v)"


def _compare(field, descending, nulls_first):
    low, high = ("1", "-1") if descending else ("-1", "1")
    null_low, null_high = ("-1", "1") if nulls_first else ("1", "-1")
    return (f"(CASE WHEN l.{field} IS NULL AND r.{field} IS NULL THEN 0 WHEN l.{field} IS NULL THEN {null_low} "
            f"WHEN r.{field} IS NULL THEN {null_high} WHEN l.{field} < r.{field} THEN {low} "
            f"WHEN l.{field} > r.{field} THEN {high} ELSE 0 END)")


def _filter(node):
    """The condition of `agg(...) FILTER (WHERE c)` around the node, as Spark SQL, or None."""
    parent = node.parent
    return spark_sql(parent.expression.this) if isinstance(parent, exp.Filter) else None


def _count(what, where):
    return f"count({what})" + (f" FILTER (WHERE {where})" if where else "")


def _replace(node, text):
    """Replace the node (with its FILTER, now inside the text) by the Spark expression `text`."""
    target = node.parent if isinstance(node.parent, exp.Filter) else node
    return target, to_spark(text)
