"""The store tables a rule's SQL reads, found with sqlglot: what a rule requires is derived from
its query, so it cannot drift from it.

    >>> tables_read("SELECT e.bundle_id FROM events e JOIN sysctls s USING (bundle_id)")
    ['events', 'sysctls']
    >>> tables_read("SELECT bundle_id FROM events_near('iscsi_conn_error', 'soft_lockup', 60)")
    ['events']

CTE names are not tables; a table macro counts as the tables it reads. sqlglot is imported
by the first call, as in sandbox.py.
"""
import functools

# Table macros of the store (store/views.py) and the tables they read.
MACRO_TABLES = {"events_near": ("events",)}


def tables_read(sql):
    """Sorted names of the tables and views `sql` reads (lower case); ValueError if it cannot
    be parsed."""
    return list(_tables_read(sql))


@functools.lru_cache(maxsize=1024)      # each check reads the same rule files: parse each text once
def _tables_read(sql):
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    names = {t.name.lower() for t in tree.find_all(exp.Table) if t.name}
    for call in tree.find_all(exp.Anonymous):
        names.update(MACRO_TABLES.get(call.name.lower(), ()))
    return tuple(sorted(names - ctes))
