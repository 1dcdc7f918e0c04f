"""The `sosql` command's typer app and what every command module shares: the --db option,
the choices (--format, --status, --fail-on), and how errors become exit codes.

cli.py (loading, checking, reporting) and cli_explore.py (browsing the store) both add
their commands to `app`; cli.py imports cli_explore so that all are registered.

Exit codes: 0 success; 1 an error; 2 a usage error (a misspelt option value, host, rule
or table: checked before any work, with the closest names suggested); 3 findings at or
above --fail-on.
"""
import difflib
import os
import re
from enum import Enum
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

import typer
from typer.core import TyperCommand, TyperGroup

from sosql.errors import SosqlError, UnknownNameError
from sosql.store.store import DEFAULT_DB

state = {"debug": bool(os.environ.get("SOSQL_DEBUG"))}


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    json = "json"


class Severity(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class Engine(str, Enum):
    duckdb = "duckdb"
    spark = "spark"


class SourceStatus(str, Enum):
    parsed = "parsed"
    missing = "missing"
    truncated = "truncated"
    error = "error"


_NOT_A_CHOICE = re.compile(r"'(?P<value>[^']*)' is not one of (?P<choices>.*)\.$")


def _with_suggestion(message):
    """Typer's 'x is not one of ...' message, with the closest choice suggested."""
    found = _NOT_A_CHOICE.search(message)
    if not found:
        return message
    choices = re.findall(r"'([^']*)'", found.group("choices"))
    close = difflib.get_close_matches(found.group("value"), choices, n=1, cutoff=0.5)
    text = f"{found.group('value')!r} is not one of {', '.join(choices)}"
    return text + (f"; did you mean {close[0]!r}?" if close else ".")


class SosqlGroup(TyperGroup):
    """Domain errors become one line on stderr and their exit code, here at the edge."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = _with_suggestion(exc.message)
            raise
        except UnknownNameError as exc:
            if state["debug"]:
                raise
            typer.echo(f"sosql: error: {exc}", err=True)
            raise typer.Exit(2) from exc
        except SosqlError as exc:
            if state["debug"]:
                raise
            typer.echo(f"sosql: error: {exc}", err=True)
            raise typer.Exit(1) from exc


class SosqlCommand(TyperCommand):
    """Help without typer's type labels on lists of arguments (`<list[Path]>`): the metavar says it."""

    def get_help(self, ctx):
        return re.sub(r" <list\[\w+\]>", lambda label: " " * len(label.group()), super().get_help(ctx))


class SosqlTyper(typer.Typer):
    """A typer app whose commands are SosqlCommands."""

    def command(self, *args, cls=SosqlCommand, **kwargs):
        return super().command(*args, cls=cls, **kwargs)


app = SosqlTyper(cls=SosqlGroup, add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Analyze Linux node diagnostic bundles (sosql bundles and sos reports) with SQL.")

DbOption = typer.Option(DEFAULT_DB, "--db", metavar="FILE", help="DuckDB store file.")
FormatOption = typer.Option(OutputFormat.table, "--format", help="How to print the rows.")
EngineOption = typer.Option(Engine.duckdb, "--engine",
                            help="Where the rules (check) or the fleet statistics (report) run: duckdb (this "
                                 "process) or spark (pip install 'sosql[spark]').")
MasterOption = typer.Option(None, "--master", metavar="URL",
                            help="Spark master for --engine spark (default local[2]; under spark-submit, its own).")
StoreUriOption = typer.Option(None, "--store-uri", metavar="URI",
                              help="Where Spark's executors read the --db folder (e.g. s3a://bucket/fleet-store), "
                                   "when not at the same path as here.")

LoadPathsArgument = typer.Argument(None, metavar="BUNDLE", show_default=False,
                                   help="Bundles: archives, directories, or folders of them; with --engine spark "
                                        "also URIs of object storage (s3a://bucket/cases/).")
FromListOption = typer.Option(None, "--from-list", metavar="FILE", exists=True, dir_okay=False,
                              help="A file naming bundles, one per line, relative to the current directory "
                                   "(blank lines and # comments skipped; URIs as for BUNDLE).")
LoadStoreUriOption = typer.Option(None, "--store-uri", metavar="PATH",
                                  help="Where Spark's executors find the --db folder (a path or file: URI on a file "
                                       "system they mount), when not at the same path as here.")
LoadEngineOption = typer.Option(Engine.duckdb, "--engine",
                                help="Where bundles are parsed: duckdb (worker processes here, --jobs) or spark "
                                     "(on Spark's executors: pip install 'sosql[spark]').")


def rule_engine(engine, master=None, store_uri=None):
    """The engine object checks.run and render take (and load: its .load): None for DuckDB, else
    a started Spark engine."""
    if engine != Engine.spark:
        if master or store_uri:
            raise typer.BadParameter("--master and --store-uri go with --engine spark")
        return None
    from sosql.spark.engine import SparkEngine
    return SparkEngine(master=master, location=store_uri)


def load_paths(paths, from_list, engine, store_uri):
    """The bundles `sosql load` is given, as arguments and in a --from-list file: paths, and
    with --engine spark URIs of object storage (strings); what cannot be loaded is a usage
    error before Spark starts or the store is made."""
    listed = listed_paths(from_list) if from_list else []
    if not (paths or listed):
        raise typer.BadParameter("give bundles, or a file listing them with --from-list")
    if store_uri and engine == Engine.spark:
        from sosql.spark.load import mounted
        try:
            mounted(store_uri)
        except SosqlError as exc:
            raise typer.BadParameter(str(exc)) from exc
    # a listed path that does not exist fails that bundle only (a list is made elsewhere, earlier)
    return [_bundle(str(g), engine, True) for g in paths or []] + [_bundle(g, engine, False) for g in listed]


def _bundle(given, engine, must_exist):
    """A bundle to load: a URI for Spark to read, else a path (a file: URI is one)."""
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]+)://", given)
    if scheme and scheme.group(1).lower() == "file":
        given = unquote(urlparse(given).path)
    elif scheme:
        if engine != Engine.spark:
            raise typer.BadParameter(f"{given}: bundles at {scheme.group(1)}:// URIs are read by Spark: add "
                                     "--engine spark, or mount the storage and give paths (docs/scale-out.md)")
        return given
    if must_exist and not os.path.lexists(given):
        raise typer.BadParameter(f"{given}: no such file or directory", param_hint="BUNDLE")
    return Path(given)


def listed_paths(file):
    """The bundles a --from-list file names, one per line, as written (load_paths checks them)."""
    return [line.strip() for line in Path(file).read_text().splitlines()
            if line.strip() and not line.strip().startswith("#")]


def _version(value: bool):
    if value:
        typer.echo(f"sosql {metadata.version('sosql')}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
):
    """Analyze Linux node diagnostic bundles (sosql bundles and sos reports) with SQL.

    Example: sosql analyze bundles/ --out report.html
    """
    state["debug"] = state["debug"] or debug
