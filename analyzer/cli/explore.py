"""`sosql` commands that browse: sources, timeline, rules, diff; and collect and advisories
(cli.py loads, checks and reports; cli_query.py queries and exports)."""
from pathlib import Path
from typing import List, Optional

import typer

from sosql.cli import output, stores
from sosql.cli.common import (
    DbOption,
    Engine,
    EngineOption,
    FormatOption,
    OutputFormat,
    SosqlTyper,
    SourceStatus,
    app,
)
from sosql.rules import checks

rules_app = SosqlTyper(help="List and show the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folder (repeatable)."),
               fmt: OutputFormat = FormatOption, engine: Engine = EngineOption):
    """List every rule: id, severity, area, tags and title; with --engine spark, the rules
    that do not run on Spark, each with the reason.

    Example: sosql rules list --rules my-rules/; sosql rules list --engine spark
    """
    import pyarrow as pa
    found, errors = checks.discover(rules or ())
    for path, message in errors:
        typer.echo(f"sosql: error: {path}: {message}", err=True)
    if engine == Engine.spark:
        return _rules_not_on_spark(found, fmt)
    rows = [{"id": r.id, "severity": r.severity, "area": r.path.parent.name, "scope": r.scope,
             "tags": ", ".join(r.tags), "title": r.title} for r in found]
    output.write(pa.Table.from_pylist(rows), fmt)


def _rules_not_on_spark(found, fmt):
    import pyarrow as pa

    from sosql.spark import translate
    rows = [{"id": r.id, "area": r.path.parent.name, "reason": why}
            for r in found for _, why in [translate.check(r)] if why]
    output.write(pa.Table.from_pylist(rows, schema=pa.schema([("id", pa.string()), ("area", pa.string()),
                                                              ("reason", pa.string())])), fmt)
    typer.echo(f"{len(found) - len(rows)} of {len(found)} rule(s) run on Spark", err=True)


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., help="The rule's id."),
               rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folder (repeatable).")):
    """Show one rule: what it finds, why it matters, what to do, and its SQL.

    Example: sosql rules show soft_lockup
    """
    found = checks.discover(rules or ())[0]
    rule = next((r for r in found if r.id == rule_id), None)
    if rule is None:
        from sosql.errors import UnknownNameError
        raise UnknownNameError("rule", rule_id, [r.id for r in found], " (see sosql rules list)")
    for label, value in (("id", rule.id), ("title", rule.title), ("severity", rule.severity),
                         ("scope", rule.scope), ("tags", ", ".join(rule.tags)), ("requires", ", ".join(rule.requires)),
                         ("optional", ", ".join(rule.optional)),
                         ("file", str(rule.path)), ("description", rule.description),
                         ("remediation", rule.remediation), ("references", "\n".join(rule.references))):
        typer.echo(f"{label}: {value}")
    typer.echo("\n" + rule.sql)


@app.command()
def sources(bundle: Optional[str] = typer.Argument(None, help="A bundle id (or its start) or a hostname."),
            db: Path = DbOption,
            status: Optional[SourceStatus] = typer.Option(None, "--status", help="Only the sources of this status."),
            fmt: OutputFormat = FormatOption):
    """Show which sources each bundle had: parsed, missing, truncated or in error.

    A rule cannot see what a bundle lacks; this says what that is.

    Example: sosql sources node5 --status missing
    """
    with stores.reading(db) as store:
        stores.require_hosts(store, bundle)
        output.write(store.con.sql(
            "SELECT h.hostname, s.bundle_id, s.source, s.status, s.path, s.rows, s.returncode, s.message "
            "FROM sources s LEFT JOIN hosts h USING (bundle_id) "
            "WHERE ($bundle IS NULL OR starts_with(s.bundle_id, $bundle) OR h.hostname = $bundle) "
            "AND ($status IS NULL OR s.status = $status) "
            "ORDER BY h.hostname, s.bundle_id, list_position(['error', 'truncated', 'missing', 'parsed'], s.status), "
            "s.source, s.path", params={"bundle": bundle, "status": status and status.value}), fmt)


@app.command()
def timeline(host: Optional[str] = typer.Option(None, "--host", help="Hostname or bundle id (start)."),
             around: Optional[str] = typer.Option(None, "--around", help="Time to centre on, node local: '2018-07-10 09:40'."),
             window: str = typer.Option("10m", "--window", help="How far either side of --around: 90s, 10m, 2h."),
             db: Path = DbOption, fmt: OutputFormat = FormatOption):
    """Print kernel and service events and crash reports in time order.

    Events whose time is known only relative to boot show it in the 'relative' column.
    Events without a time keep their place in their log file (after the last dated line
    before them); those with no dated line before them come last, in line order.

    Example: sosql timeline --host node5 --around '2018-07-10 09:40' --window 5m
    """
    from sosql.fleet import timeline as timelines
    with stores.reading(db) as store:
        stores.require_hosts(store, host)
        output.write(timelines.query(store, host, around, window), fmt)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def collect(ctx: typer.Context,
            output: Path = typer.Option(Path("."), "--output", "-o", help="Folder to write the bundle to.")):
    """Collect this machine's state into a sosql bundle (the same collector as collectors/collect.py).

    Other options go to the collector (--exclude, --timeout, --deadline, --max-total-mb, ...;
    see python3 collectors/collect.py --help).

    Example: sosql collect --output /var/tmp --exclude 'docker*'
    """
    from sosql.collectors import collect as collector
    code = collector.main(["--output", str(output), *ctx.args])
    if code:
        raise typer.Exit(code)


@app.command()
def diff(a: str = typer.Argument(..., help="First bundle: hostname or bundle id (start)."),
         b: str = typer.Argument(..., help="Second bundle."), db: Path = DbOption,
         fmt: OutputFormat = FormatOption):
    """What changed between two bundles: kernel and facts, packages, sysctls, iptables, links, events.

    Example: sosql diff node3 node5
    """
    from sosql.fleet import diff as differ
    with stores.reading(db) as store:
        stores.require_hosts(store, a, b)
        sections = differ.compare(store, a, b)
    for name, rows in sections.items():
        if fmt == OutputFormat.json:     # JSON lines only: each difference names its section
            output.write(rows.add_column(0, "section", [[name] * rows.num_rows]), fmt)
            continue
        typer.echo(f"== {name}: {rows.num_rows} difference(s)")
        if rows.num_rows:
            output.write(rows, fmt)


@app.command()
def advisories(paths: List[Path] = typer.Argument(..., exists=True, metavar="FILE",
                                                 help="OSV JSON files, folders or zips of them."),
               db: Path = DbOption):
    """Import security advisories (OSV JSON, as Ubuntu, Debian, Red Hat, AlmaLinux and Rocky
    Linux publish them) for the package_advisories rule: no network needed at check time.

    Example: sosql advisories ~/Downloads/Ubuntu-all.zip && sosql check --only package_advisories
    """
    from sosql.rules.advisories import import_osv
    with stores.creating(db) as store:
        count, rows, skipped = import_osv(store, paths)
    typer.echo(f"imported {count} advisories ({rows} affected package ranges) into {db}"
               + (f"; {skipped} file(s) were not OSV advisories" if skipped else ""))
