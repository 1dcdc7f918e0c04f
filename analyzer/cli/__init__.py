"""The `sosql` command: one module per group of commands, each registering them on the typer app
of common.py (which also holds the options every command shares and turns domain errors into
one line and an exit code):

- pipeline.py: load, check, report, analyze;
- explore.py: sources, timeline, rules, diff, collect, advisories;
- query.py: query, export, tables;  summary.py: summary;  redact.py: redact.

output.py, termtable.py and progress.py are how it prints.
"""
import sys

from sosql.cli import explore, pipeline, query, redact, summary  # noqa: F401 (they register their commands)
from sosql.cli.common import app, state
from sosql.errors import SosqlError


def main():
    """Console entry point (common.SosqlGroup turns domain errors raised in a command into exit codes)."""
    try:
        app()
    except SosqlError as exc:        # raised outside a command's run
        if state["debug"]:
            raise
        print(f"sosql: error: {exc}", file=sys.stderr)
        sys.exit(1)
