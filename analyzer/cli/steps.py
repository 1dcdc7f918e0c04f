"""The steps the `sosql` commands of pipeline.py share: loading, checking and reporting with
their progress and one line a problem, the engine they run on, and the exit code --fail-on
asks for."""
import contextlib
import time
from pathlib import Path

import typer

from sosql.cli import stores
from sosql.cli.common import rule_engine, state
from sosql.cli.progress import LoadProgress, StepProgress, phase
from sosql.fleet import fleetstats
from sosql.load import loader
from sosql.rules import checks


def err(message):
    typer.echo(f"sosql: error: {message}", err=True)


def load(db, paths, jobs=1, engine=None):
    """Load with a progress bar; print one line per failed bundle. Returns the LoadReport."""
    bundles = loader.expand([p for p in paths if isinstance(p, Path)])    # URIs: Spark lists them
    started = time.monotonic()
    with stores.creating(db) as store, LoadProgress(bundles) as progress:
        if engine is None:
            report = loader.load(store, paths, strict=state["debug"], jobs=jobs, progress=progress.advance)
        else:
            report = engine.load(store, paths, progress.advance, strict=state["debug"])
    for path, message in report.failed:
        err(message)
    if report.replaced:
        typer.echo(f"sosql: note: changed since loaded, the earlier copy replaced: {', '.join(report.replaced)}",
                   err=True)
    if report.ignored:
        typer.echo(f"sosql: note: not a bundle, ignored: {', '.join(report.ignored)}", err=True)
    typer.echo(f"loaded {len(report.loaded)} bundle(s), {len(report.skipped)} already in the store, "
               f"{len(report.failed)} failed, into {db} in {time.monotonic() - started:.1f}s")
    return report


def rules(rules_dirs, only=(), skip=()):
    """The rules to run and the broken rule files; unknown --only/--skip names are usage errors."""
    rules, errors = checks.discover(rules_dirs or ())
    checks.require_known(rules, [*only, *skip])
    return checks.select(rules, only, skip), errors


def check(db, selected, rules_dirs, complete=True, engine=None):
    rules, errors = selected
    with stores.updating(db) as store, StepProgress("checking", len(rules)) as progress:
        report = checks.run(store, rules, rules_dirs or (), progress.advance, complete, engine)
        store.checkpoint()     # the catalog is small (the lines are in Parquet): the findings go in the file
    for path, message in errors + report.errors:
        err(f"{path}: {message}")
    report.errors = errors + report.errors
    return report


def report(db, out, templates=None, host=None, redact_map=None, engine=None):
    from sosql.reports.render import render
    with stores.reading(db) as store:
        stores.require_hosts(store, host)
        if engine is not None:
            engine.prepare(store, reads=fleetstats.READS)      # the fleet statistics run there
        with phase("writing the report"):
            data = render(store, out, templates, host, stats=engine)
    if redact_map:
        hosts = [data["host"]] if host else data["hosts"]
        from sosql.cli.redact import redact_report
        redact_report(out, redact_map, [h["hostname"] for h in hosts if h["hostname"]], db)
    if host:
        typer.echo(f"report: {Path(out).resolve()}")
        typer.echo(f"{data['host']['hostname']}: {data['finding_total']} finding(s)")
        return data
    counts = ", ".join(f"{n} {s}" for s, n in data["severity_counts"].items() if n) or "no findings"
    typer.echo(f"report: {Path(out).resolve()}")
    typer.echo(f"{len(data['hosts'])} host(s); {data['finding_total']} finding(s) on "
               f"{data['hosts_with_findings']} host(s): {counts}")
    for host in data["hosts"]:
        if host["findings"]:
            listed = ", ".join(f"{f['rule_id']} ({f['severity']})" for f in host["findings"])
            typer.echo(f"  {host['hostname'] or host['bundle_id']}: {listed}")
    if data["fleet_findings"]:
        listed = ", ".join(f"{f['rule_id']} ({f['severity']})" for f in data["fleet_findings"])
        typer.echo(f"  fleet: {listed}")
    return data


@contextlib.contextmanager
def started(engine, master=None, store_uri=None):
    """The engine a command runs on (None: DuckDB, in this process), stopped when it ends."""
    started = rule_engine(engine, master, store_uri)
    try:
        yield started
    finally:
        if started is not None:
            started.stop()


def note_stale(store, ran):
    """Findings of rules that did not run now are from an earlier check: say so, not show them."""
    older = store.execute("SELECT count(*), count(DISTINCT rule_id) FROM findings WHERE NOT list_contains(?, rule_id)",
                          [ran]).fetchall()[0]
    if older[0]:
        typer.echo(f"sosql: note: {older[0]} finding(s) of {older[1]} rule(s) not run now are from an earlier "
                   "check (sosql check without --only refreshes them)", err=True)


def fail_on(db, severity, ran=None):
    if severity is None:
        return
    severity = severity.value
    worse = list(checks.SEVERITIES[:checks.SEVERITIES.index(severity) + 1])
    with stores.reading(db) as store:
        found = store.execute("SELECT count(*) FROM findings WHERE list_contains(?, severity) "
                              "AND (? IS NULL OR list_contains(?, rule_id))", [worse, ran, ran]).fetchall()[0][0]
    if found:
        typer.echo(f"{found} finding(s) at or above {severity}", err=True)
        raise typer.Exit(3)
