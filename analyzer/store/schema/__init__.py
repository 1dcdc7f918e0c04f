"""The table contract: every table sosql writes, its columns and what they hold.

Rules, reports and users' own SQL are written against these names, so they only
ever grow. `sosql tables` and `docs/tables.md` are generated from this package: one module
per area (bundles.py, logs.py, system.py, storage.py, network.py, firewall.py,
containers.py, results.py), the contract in that order.
Adding a table or a column needs nothing more: an older store gains it (empty) when next opened
for writing, and reads it as empty before (store.py). Bump SCHEMA_VERSION only when a column
changes type or meaning, or goes: such a store cannot be read as it is.
"""
from sosql.errors import ParseError
from sosql.store.schema import bundles, containers, firewall, logs, network, results, storage, system
from sosql.store.schema.table import Column, Table  # noqa: F401 (the API)

SCHEMA_VERSION = 4
# Tables kept as Parquet files in the store folder, read through a view (lines_files.py).
FILE_TABLES = ("log_lines",)

TABLES = tuple(t for area in (bundles, logs, system, storage, network, firewall, containers, results)
               for t in area.TABLES)

BY_NAME = {t.name: t for t in TABLES}


def create_statements(skip=()):
    """CREATE TABLE statements for every table but those in `skip`, in contract order."""
    for table in TABLES:
        if table.name in skip:
            continue
        cols = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
        yield f'CREATE TABLE IF NOT EXISTS "{table.name}" ({cols})'


def column_names(table_name):
    return [c.name for c in BY_NAME[table_name].columns]


# What the loader itself fills in on every row of a parser's table (load/ingest.py).
LOADER_COLUMNS = ("bundle_id", "source")


def arrow_type(duckdb_type):
    """The pyarrow type a parser builds a column of `duckdb_type` with."""
    import pyarrow as pa
    if duckdb_type.endswith("[]"):
        return pa.list_(arrow_type(duckdb_type[:-2]))
    return {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}[duckdb_type]


def arrow_table(table_name, rows):
    """A parser's rows (dicts) as a pyarrow Table with the contract's columns and types, so a
    parser never writes a type again; a key a row lacks is NULL, and the loader's columns
    (bundle_id; source, the catalog's name) are left to the loader unless the rows give them.

        >>> arrow_table("listeners", [{"protocol": "tcp", "port": 22}]).slice(0, 1).to_pylist()[0]["port"]
        22
    """
    import pyarrow as pa
    given = {key for row in rows for key in row}
    columns = [c for c in BY_NAME[table_name].columns if c.name not in LOADER_COLUMNS or c.name in given]
    return pa.table({c.name: _arrow_column(table_name, c, [row.get(c.name) for row in rows]) for c in columns})


def _arrow_column(table_name, column, values):
    """One column's values as Arrow; a value its type cannot hold (an MTU of 10**19 in a hostile
    `ip link`) is the source's fault: a ParseError, as for any text the parser cannot read."""
    import pyarrow as pa
    try:
        return pa.array(values, arrow_type(column.type))
    except (OverflowError, pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise ParseError(f"{table_name}.{column.name}: a value does not fit {column.type} ({exc})") from exc
