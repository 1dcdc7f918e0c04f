"""`sosql query`, `export` and `tables`: the store's rows out, streamed whatever their number."""
import sys
from pathlib import Path
from typing import Optional

import duckdb
import typer

from sosql.cli import output, stores
from sosql.cli.common import DbOption, ExportFormat, FormatOption, OutputFormat, app
from sosql.errors import QueryError, SandboxError, UnknownNameError
from sosql.rules import sandbox
from sosql.store import schema
from sosql.store.views import VIEW_DOCS

SUFFIXES = {".parquet": "parquet", ".csv": "csv", ".json": "json", ".jsonl": "json", ".ndjson": "json"}
COPY_OPTIONS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "json": "FORMAT json"}


def duckdb_message(exc):
    """DuckDB's message whole: its hints ('Did you mean "hosts"?', candidate bindings) included."""
    return " ".join(line.strip() for line in str(exc).strip().splitlines() if line.strip())


@app.command()
def query(sql: str = typer.Argument(..., help="The SQL to run."), db: Path = DbOption,
          fmt: OutputFormat = FormatOption,
          allow_files: bool = typer.Option(False, "--allow-files",
                                           help="Let the SQL read and write files (COPY, read_csv, ...).")):
    """Run one SELECT against the store and print the result, streamed: the table format shows
    the first rows and how many there are; csv and json print them all.

    The SQL may only read the store's tables (see docs/rules.md, "What a rule may do");
    --allow-files lifts that, for your own files on your own machine.

    Example: sosql query "SELECT hostname, kernel_release FROM hosts" --format csv
    """
    with stores.reading(db) as store:
        if not allow_files:
            try:
                sandbox.check(sql, *sandbox.store_names(store.con))
            except SandboxError as exc:
                raise SandboxError(f"query refused: {exc} (--allow-files lifts this)") from exc
            store.lock_down()
        try:
            relation = store.con.sql(sql)
            if relation is not None:
                output.write(relation, fmt)
        except duckdb.Error as exc:
            raise QueryError(duckdb_message(exc)) from exc


def export_format(out, fmt):
    """The format given, or the one the file's extension names."""
    if fmt is not None:
        return fmt.value
    if out == "-":
        return "csv"
    inferred = SUFFIXES.get(Path(str(out)).suffix.lower())
    if inferred is None:
        raise typer.BadParameter(f"cannot tell the format of {out} from its extension "
                                 f"({', '.join(SUFFIXES)}): give --format", param_hint="'--out'")
    return inferred


@app.command()
def export(table: str = typer.Argument(..., help="A table or view of sosql tables, e.g. findings, hosts, fleet_stats."),
           out: str = typer.Option(..., "--out", metavar="FILE",
                                   help="File to write (.parquet, .csv, .json or .jsonl), or - for stdout (CSV unless --format)."),
           fmt: Optional[ExportFormat] = typer.Option(None, "--format", help="The format, when the extension does not say."),
           db: Path = DbOption):
    """Write a table or view to Parquet, CSV or JSON (one object per line); the format follows
    the file's extension unless --format says otherwise. The log lines are Parquet files in
    the store already (log_lines/ in the store folder, listed in parquet_files): DuckDB, Spark,
    Polars or pyarrow read them directly (docs/store.md).

    Example: sosql export findings --out findings.jsonl; sosql export fleet_stats --out - --format csv
    """
    chosen = export_format(out, fmt)
    with stores.reading(db) as store:
        names = [name for name, _ in store_tables(store)]
        if table not in names:
            raise UnknownNameError("table or view", table, names, " (see sosql tables)")
        relation = store.con.table(table)
        if out == "-":
            _to_stdout(relation, chosen)
            return
        select = output.projection(relation, text_only=True, source=f'"{table}"') if chosen == "csv" \
            else f'SELECT * FROM "{table}"'
        store.execute(f"COPY ({select}) TO ? ({COPY_OPTIONS[chosen]})", [out])
        rows = store.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
    typer.echo(f"{rows} row(s) of {table} to {out} ({chosen})", err=True)


def _to_stdout(relation, fmt):
    if fmt != "parquet":
        output.write(relation, fmt)
        return
    import pyarrow.parquet as pq
    reader = relation.to_arrow_reader(output.BATCH_ROWS)
    with pq.ParquetWriter(sys.stdout.buffer, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


def store_tables(store):
    """(name, doc) of each table and view of the store, as `sosql tables` lists them."""
    views = [r[0] for r in store.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                         "AND NOT temporary ORDER BY view_name").fetchall()]
    return [(t.name, t.doc) for t in schema.TABLES] + [(v, VIEW_DOCS.get(v, "A view.")) for v in views]


@app.command()
def tables(db: Path = DbOption):
    """List every table and view of the store with its columns and what it holds.

    Example: sosql tables --db fleet.duckdb
    """
    with stores.reading(db) as store:
        for name, doc in store_tables(store):
            typer.echo(f"{name}: {doc}")
            documented = {c.name: c.doc for c in schema.BY_NAME[name].columns} if name in schema.BY_NAME else {}
            for column, kind in store.execute("SELECT column_name, data_type FROM information_schema.columns "
                                              "WHERE table_name = ? ORDER BY ordinal_position", [name]).fetchall():
                typer.echo(f"  {column:<18} {kind:<10} {documented.get(column, '')}".rstrip())
            typer.echo("")
