"""DuckDB macros, inlined: Spark has no SQL macros, so a call is replaced by the macro's own
text with the call's arguments in place of its parameters (the same text the DuckDB store
creates them from, so the two engines cannot drift apart).

    events_near('iscsi_conn_error', 'soft_lockup', 120)     (a table macro, in FROM)
      -> (SELECT ... WHERE a.kind = 'iscsi_conn_error' ...) AS events_near
    wilson_low(x, n)                                         (a scalar macro)
      -> CASE WHEN n = 0 THEN NULL ELSE ... END
"""
import re
from dataclasses import dataclass
from typing import Tuple

import sqlglot
from sqlglot import exp

from sosql.spark.errors import Untranslatable
from sosql.store import views

DEFINITION = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?MACRO\s+(\w+)\s*\(([^)]*)\)\s+AS\s+(TABLE\s+)?(.*)",
                        re.S | re.I)


@dataclass(frozen=True)
class Macro:
    name: str
    params: Tuple[str, ...]
    body: exp.Expression
    table: bool


def parse(statement):
    """A Macro from its CREATE MACRO statement (DuckDB dialect)."""
    name, params, table, body = DEFINITION.match(statement).groups()
    return Macro(name.lower(), tuple(p.strip().lower() for p in params.split(",") if p.strip()),
                 sqlglot.parse_one(body, read="duckdb"), bool(table))


def store_macros():
    """The macros every store defines, by name."""
    statements = [s for s in views.STORE_SQL if DEFINITION.match(s)]
    return {m.name: m for m in map(parse, statements)}


def expand(macro, args):
    """The macro's body with `args` (expressions) in place of its parameters."""
    if len(args) != len(macro.params):
        raise Untranslatable(f"{macro.name}() takes {len(macro.params)} arguments, {len(args)} given")
    values = dict(zip(macro.params, args))
    body = macro.body.copy()
    for column in list(body.find_all(exp.Column)):
        if not column.table and column.name.lower() in values:
            column.replace(values[column.name.lower()].copy())
    return body


def inline(tree, macros):
    """Replace every call of a macro in `tree` (in place; returns the tree)."""
    for node in reversed(list(tree.walk())):     # innermost first: a macro's argument may call one
        if isinstance(node, exp.Anonymous) and node.name.lower() in macros:
            macro = macros[node.name.lower()]
            body = expand(macro, node.expressions)
            if macro.table:
                table = node.parent if isinstance(node.parent, exp.Table) else None
                alias = table.alias if table is not None and table.alias else macro.name
                (table or node).replace(exp.Subquery(this=body, alias=exp.TableAlias(this=exp.to_identifier(alias))))
            else:
                node.replace(exp.Paren(this=body))
    return tree
