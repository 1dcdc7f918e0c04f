"""`sosql` commands that browse: sources, timeline, tables, rules, and collect (cli.py has the rest)."""
from pathlib import Path
from typing import List, Optional

import typer

from . import checks, output, schema
from .cli_app import DbOption, app, check_format as _check_format
from .store import open_store

rules_app = typer.Typer(help="List and show the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folder (repeatable)."),
               fmt: str = typer.Option("table", "--format", help="table, csv or json.")):
    """List every rule: id, severity, area, tags and title.

    Example: sosql rules list --rules my-rules/
    """
    import pyarrow as pa
    _check_format(fmt)
    found, errors = checks.discover(rules or ())
    for path, message in errors:
        typer.echo(f"sosql: error: {path}: {message}", err=True)
    rows = [{"id": r.id, "severity": r.severity, "area": r.path.parent.name, "scope": r.scope,
             "tags": ", ".join(r.tags), "title": r.title} for r in found]
    output.write(pa.Table.from_pylist(rows), fmt)


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., help="The rule's id."),
               rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folder (repeatable).")):
    """Show one rule: what it finds, why it matters, what to do, and its SQL.

    Example: sosql rules show soft_lockup
    """
    rule = next((r for r in checks.discover(rules or ())[0] if r.id == rule_id), None)
    if rule is None:
        raise typer.BadParameter(f"no rule {rule_id!r}; see sosql rules list")
    for label, value in (("id", rule.id), ("title", rule.title), ("severity", rule.severity),
                         ("scope", rule.scope), ("tags", ", ".join(rule.tags)), ("requires", ", ".join(rule.requires)),
                         ("file", str(rule.path)), ("description", rule.description),
                         ("remediation", rule.remediation), ("references", "\n".join(rule.references))):
        typer.echo(f"{label}: {value}")
    typer.echo("\n" + rule.sql)


@app.command()
def sources(bundle: Optional[str] = typer.Argument(None, help="A bundle id (or its start) or a hostname."),
            db: Path = DbOption,
            status: Optional[str] = typer.Option(None, "--status", help="Only parsed, missing, truncated or error."),
            fmt: str = typer.Option("table", "--format", help="table, csv or json.")):
    """Show which sources each bundle had: parsed, missing, truncated or in error.

    A rule cannot see what a bundle lacks; this says what that is.

    Example: sosql sources node5 --status missing
    """
    _check_format(fmt)
    with open_store(db, read_only=True) as store:
        output.write(store.arrow(
            "SELECT h.hostname, s.bundle_id, s.source, s.status, s.path, s.rows, s.returncode, s.message "
            "FROM sources s LEFT JOIN hosts h USING (bundle_id) "
            "WHERE ($bundle IS NULL OR starts_with(s.bundle_id, $bundle) OR h.hostname = $bundle) "
            "AND ($status IS NULL OR s.status = $status) "
            "ORDER BY h.hostname, s.bundle_id, list_position(['error', 'truncated', 'missing', 'parsed'], s.status), "
            "s.source, s.path", {"bundle": bundle, "status": status}), fmt)


@app.command()
def timeline(host: Optional[str] = typer.Option(None, "--host", help="Hostname or bundle id (start)."),
             around: Optional[str] = typer.Option(None, "--around", help="Time to centre on, node local: '2018-07-10 09:40'."),
             window: str = typer.Option("10m", "--window", help="How far either side of --around: 90s, 10m, 2h."),
             db: Path = DbOption,
             fmt: str = typer.Option("table", "--format", help="table, csv or json.")):
    """Print kernel and service events and crash reports in time order.

    Events whose time is known only relative to boot show it in the 'relative' column.
    Events without a time keep their place in their log file (after the last dated line
    before them); those with no dated line before them come last, in line order.

    Example: sosql timeline --host node5 --around '2018-07-10 09:40' --window 5m
    """
    from . import timeline as timelines
    _check_format(fmt)
    with open_store(db, read_only=True) as store:
        output.write(timelines.query(store, host, around, window), fmt)


@app.command()
def tables():
    """List every table with its columns and what it holds.

    Example: sosql tables
    """
    for table in schema.TABLES:
        typer.echo(f"{table.name}: {table.doc}")
        for column in table.columns:
            typer.echo(f"  {column.name:<18} {column.type:<10} {column.doc}")
        typer.echo("")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def collect(ctx: typer.Context,
            output: Path = typer.Option(Path("."), "--output", "-o", help="Folder to write the bundle to.")):
    """Collect this machine's state into a sosql bundle (the same collector as collectors/collect.py).

    Other options go to the collector (--exclude, --timeout, --deadline, --max-total-mb, ...;
    see python3 collectors/collect.py --help).

    Example: sosql collect --output /var/tmp --exclude 'docker*'
    """
    from collectors import collect as collector
    code = collector.main(["--output", str(output), *ctx.args])
    if code:
        raise typer.Exit(code)




@app.command()
def diff(a: str = typer.Argument(..., help="First bundle: hostname or bundle id (start)."),
         b: str = typer.Argument(..., help="Second bundle."), db: Path = DbOption,
         fmt: str = typer.Option("table", "--format", help="table, csv or json.")):
    """What changed between two bundles: kernel and facts, packages, sysctls, iptables, links, events.

    Example: sosql diff node3 node5
    """
    from . import diff as differ
    _check_format(fmt)
    with open_store(db, read_only=True) as store:
        sections = differ.compare(store, a, b)
    for name, rows in sections.items():
        typer.echo(f"== {name}: {rows.num_rows} difference(s)")
        if rows.num_rows:
            output.write(rows, fmt)


@app.command()
def export(table: str = typer.Argument(..., help="A table (sosql tables), e.g. findings, hosts, events."),
           out: Path = typer.Option(..., "--out", help="File to write."),
           fmt: str = typer.Option("parquet", "--format", help="parquet, csv or json."), db: Path = DbOption):
    """Write a table to Parquet, CSV or JSON (one object per line).

    Example: sosql export findings --format json --out findings.json
    """
    if table not in schema.BY_NAME:
        raise typer.BadParameter(f"no table {table!r}; see sosql tables")
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "json": "FORMAT json"}
    if fmt not in options:
        raise typer.BadParameter("--format must be parquet, csv or json")
    with open_store(db, read_only=True) as store:
        store.execute(f"COPY (SELECT * FROM \"{table}\") TO ? ({options[fmt]})", [str(out)])
        rows = store.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
    typer.echo(f"{rows} row(s) of {table} to {out}")


@app.command()
def redact(paths: List[Path] = typer.Argument(..., help="Bundles to redact: archives, directories, folders of them."),
           out: Path = typer.Option(..., "--out", help="Folder for the redacted copies."),
           map_file: Path = typer.Option(Path("sosql-redaction-map.json"), "--map",
                                         help="The mapping (original -> replacement): reused if it exists, "
                                              "written back with mode 0600; keep it private, it is never put in --out."),
           keyword: Optional[List[str]] = typer.Option(None, "--keyword", help="Another word to replace (repeatable).")):
    """Write redacted copies of bundles: hostnames, domains, users, e-mails, IPv4 and IPv6
    addresses, MACs and keywords replaced consistently across all of them (a /24 stays a
    /24, hosts become host-N). A bundle that cannot be read gets one error line and exit
    code 1; the others are written. See docs/redaction.md.

    Example: sosql redact bundles/ --out shareable/ --map private/map.json --keyword acme
    """
    import time
    from . import redact_io as redaction
    started = time.monotonic()
    result, redactor = redaction.redact(paths, out, map_file, keyword or ())
    size = sum(p.stat().st_size for p in paths if p.is_file()) / 1e6
    for path in result.written:
        typer.echo(str(path))
    for name in result.left_out:
        typer.echo(f"sosql: note: left out, cannot be redacted (zstd or zip): {name}", err=True)
    for _, message in result.failed:
        typer.echo(f"sosql: error: {message}", err=True)
    typer.echo(f"redacted {len(result.written)} bundle(s), {len(result.failed)} failed, in "
               f"{time.monotonic() - started:.1f}s: {len(redactor.map['hostnames'])} hostnames, "
               f"{len(redactor.map['networks'])} networks, {len(redactor.map['macs'])} MACs; map in {map_file}"
               + (f" ({size:.1f} MB in)" if size else ""))
    if result.failed:
        raise typer.Exit(1)
