"""What a rule or a query may run: one SELECT over the store's tables, nothing else.

Rule folders come from colleagues and queries from scripts; both run on a DuckDB
connection that could read any file, write files (COPY), attach databases or install
extensions. Before it runs, the SQL is parsed (sqlglot, DuckDB dialect) and refused
unless it is a single query that reads only the store's own tables, views and table
macros (and its own CTEs), through no function that touches files, the environment
or the network:

    >>> allowed_tables = {"hosts", "events"}
    >>> check("SELECT hostname FROM hosts", allowed_tables)            # fine: returns None
    >>> check("SELECT * FROM read_text('/etc/shadow')", allowed_tables)
    Traceback (most recent call last):
    sosql.errors.SandboxError: read_text() reaches outside the store: only the store's tables may be read

`sosql query --allow-files` skips the check, for a user's own machine.

sqlglot is imported by the first check, not with this module: its import (about 0.1 s) is a
quarter of the CLI's start, which commands that check nothing (`sosql load`, `sosql report`)
need not pay.
"""
import functools
import logging

from sosql.errors import SandboxError

# Table functions that make rows from their arguments, not from files.
ROW_FUNCTIONS = {"unnest", "explode", "range", "generate_series"}
# Functions that read files, the environment, settings or the network (a prefix, or a name).
FILE_PREFIXES = ("read_", "parquet_", "sqlite_", "postgres_", "mysql_", "iceberg_", "delta_", "http_")
FILE_FUNCTIONS = {"glob", "getenv", "current_setting", "sniff_csv", "query", "query_table", "load_extension",
                  "duckdb_secrets", "duckdb_settings", "duckdb_extensions", "which_secret"}
logging.getLogger("sqlglot").setLevel(logging.ERROR)     # its "falling back to Command" notes: we refuse those
# Statements other than a query (sqlglot's expression classes).
STATEMENTS = ("Command", "Copy", "Attach", "Detach", "Pragma", "Set", "Install", "Create", "Drop", "Insert", "Update",
              "Delete", "Alter", "Merge", "Use", "Transaction")


def check(sql, tables, table_functions=()):
    """Raise SandboxError saying what is refused, unless `sql` is one query reading only
    `tables` (names of tables and views) and `table_functions` (table macros) besides CTEs."""
    refusal = _refusal(sql, frozenset(t.lower() for t in tables), frozenset(f.lower() for f in table_functions))
    if refusal:
        raise SandboxError(refusal)


@functools.lru_cache(maxsize=1024)      # a check runs the same rules on every store: parse each text once
def _refusal(sql, tables, table_functions):
    """What is refused in `sql`, or None."""
    try:
        _check(sql, tables, table_functions)
    except SandboxError as exc:
        return str(exc)
    return None


def _check(sql, tables, table_functions):
    import sqlglot
    from sqlglot import exp
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        raise SandboxError(f"cannot be read as SQL: {str(exc).splitlines()[0]}") from exc
    if len(statements) != 1:
        raise SandboxError(f"holds {len(statements)} statements: only one SELECT is allowed")
    query = statements[0]
    statement = next((n for n in query.walk() if isinstance(n, _statement_classes())), None)
    if statement is not None or not isinstance(query, exp.Query):
        found = statement if statement is not None else query
        raise SandboxError(f"{_words(found)} is not allowed: only one SELECT is")
    for function in query.find_all(exp.Func):
        name = _function_name(function)
        if name.startswith(FILE_PREFIXES) or name in FILE_FUNCTIONS:
            raise SandboxError(f"{name}() reaches outside the store: only the store's tables may be read")
    _check_tables(query, tables, ROW_FUNCTIONS | table_functions)


@functools.lru_cache(maxsize=None)
def _statement_classes():
    from sqlglot import exp
    return tuple(getattr(exp, name) for name in STATEMENTS)


def _check_tables(query, tables, table_functions):
    """Tables must be the store's or the query's own; a name that could be a file path (DuckDB
    reads 'x.csv' or '/etc/passwd' given as a table) is refused, other unknown names are left
    to DuckDB, whose error suggests the table meant."""
    from sqlglot import exp
    ctes = {cte.alias_or_name.lower() for cte in query.find_all(exp.CTE)}
    for table in query.find_all(exp.Table):
        if isinstance(table.this, exp.Func):
            name = _function_name(table.this)
            if name not in table_functions:
                raise SandboxError(f"calls the table function {name}(): only the store's tables may be read")
        elif table.catalog or (table.db and table.db.lower() not in ("main", "information_schema")):
            raise SandboxError(f"reads {table.sql(dialect='duckdb')}: only the store's own tables may be read")
        elif table.db.lower() != "information_schema" and table.name.lower() not in tables | ctes \
                and not table.name.isidentifier():
            raise SandboxError(f"reads {table.name!r}, which is not a table of the store")


def _function_name(function):
    from sqlglot import exp
    return (function.name if isinstance(function, exp.Anonymous) else function.sql_name()).lower()


def _words(node):
    from sqlglot import exp
    return type(node).__name__.upper() if not isinstance(node, exp.Command) else node.name.upper()


def store_names(con, temporary=True):
    """(tables and views, table macros) a sandboxed query may read on the connection `con`,
    lower case; `temporary`: with the connection's temporary tables (rule lookups)."""
    return readable_tables(con, temporary), table_macros(con)


def readable_tables(con, temporary=True):
    """The tables and views of the connection `con`, lower case (store_names)."""
    temp = "" if temporary else "WHERE NOT temporary"
    return {r[0].lower() for r in con.execute(
        f"SELECT table_name FROM duckdb_tables() {temp} UNION "
        f"SELECT view_name FROM duckdb_views() WHERE NOT internal {temp.replace('WHERE', 'AND')}").fetchall()}


def table_macros(con):
    """The table macros of the connection `con` (store_names). Apart, as it costs 15-20 ms:
    duckdb_functions() lists every built-in function too."""
    return {r[0] for r in con.execute("SELECT function_name FROM duckdb_functions() "
                                      "WHERE function_type = 'table_macro' AND NOT internal").fetchall()}
