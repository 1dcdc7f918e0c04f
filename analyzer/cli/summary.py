"""`sosql summary HOST`: one node at a glance (summary.py gathers it, summary_text.py lays it out)."""
import json
from pathlib import Path

import typer

from sosql.cli.common import DbOption, app
from sosql.errors import SosqlError
from sosql.fleet import summary, summary_text
from sosql.store.store import open_store

FORMATS = ("text", "json")


@app.command("summary")
def summary_command(host: str = typer.Argument(..., help="A hostname or a bundle id (or its start)."),
                    db: Path = DbOption,
                    fmt: str = typer.Option("text", "--format", help="text or json.")):
    """Show one node at a glance: identity, kernel, load, CPU, memory, full filesystems, failed units,
    network, DNS, clock, container runtime, kubelet and its findings.

    What the bundle lacks is shown as MISSING with the source that would have held it.

    Example: sosql summary node5 --format json
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    try:
        with open_store(db, read_only=True) as store:
            found = summary.summarize(store, host)
    except SosqlError as exc:
        typer.echo(f"sosql: error: {exc}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        typer.echo(json.dumps(found, default=str, indent=1))
    else:
        typer.echo("\n".join(summary_text.lines(found)))
