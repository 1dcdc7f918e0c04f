"""The `sosql` command's typer app and what every command module shares: the --db option,
the --format check, and the global options (--debug, --version).

cli.py (loading, checking, reporting) and cli_explore.py (browsing the store) both add
their commands to `app`; cli.py imports cli_explore so that all are registered.
"""
import os

import typer

from . import __version__, output
from .store import DEFAULT_DB

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="Analyze Linux node diagnostic bundles (sosql bundles and sos reports) with SQL.")
state = {"debug": bool(os.environ.get("SOSQL_DEBUG"))}

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB store file.")


def _version(value: bool):
    if value:
        typer.echo(f"sosql {__version__}")
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


def check_format(fmt):
    """A usage error unless `fmt` is one of the output formats."""
    if fmt not in output.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(output.FORMATS)}")
