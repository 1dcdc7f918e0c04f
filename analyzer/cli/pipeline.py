"""The `sosql` commands that load, check and report. Errors become one line on stderr and a
non-zero exit code at the edge (common.py); the library below raises domain errors (errors.py).

Exit codes: 0 success; 1 an error, or a bundle that failed to load (the others
are still loaded), or a broken rule; 2 a usage error; 3 findings at or above
--fail-on. The commands that browse the store live in explore.py and query.py.
"""
import contextlib
import os
import time
from pathlib import Path
from typing import List, Optional

import typer

from sosql.cli import common, output, stores
from sosql.cli.common import (
    DbOption,
    EngineOption,
    FormatOption,
    FromListOption,
    LoadEngineOption,
    LoadPathsArgument,
    LoadStoreUriOption,
    MasterOption,
    OutputFormat,
    Severity,
    StoreUriOption,
    app,
    rule_engine,
    state,
)
from sosql.cli.progress import LoadProgress, StepProgress, phase
from sosql.load import loader
from sosql.rules import checks

JobsOption = typer.Option(os.cpu_count() or 1, "--jobs", "-j", metavar="N", show_default=False,
                          help="Worker processes parsing bundles (default: the number of cores).")
RulesOption = typer.Option(None, "--rules", metavar="DIR", help="Extra folder of rule .sql files (repeatable).")
FailOnOption = typer.Option(None, "--fail-on", help="Exit 3 if any finding is at or above this severity.")
PathsArgument = typer.Argument(..., exists=True, metavar="BUNDLE",
                               help="Bundles: archives, directories, or folders of them.")


def _err(message):
    typer.echo(f"sosql: error: {message}", err=True)


def _load(db, paths, jobs=1, engine=None):
    """Load with a progress bar; print one line per failed bundle. Returns the LoadReport."""
    bundles = loader.expand([p for p in paths if isinstance(p, Path)])    # URIs: Spark lists them
    started = time.monotonic()
    with stores.creating(db) as store, LoadProgress(bundles) as progress:
        if engine is None:
            report = loader.load(store, paths, strict=state["debug"], jobs=jobs, progress=progress.advance)
        else:
            report = engine.load(store, paths, progress.advance, strict=state["debug"])
    for path, message in report.failed:
        _err(message)
    if report.replaced:
        typer.echo(f"sosql: note: changed since loaded, the earlier copy replaced: {', '.join(report.replaced)}",
                   err=True)
    if report.ignored:
        typer.echo(f"sosql: note: not a bundle, ignored: {', '.join(report.ignored)}", err=True)
    typer.echo(f"loaded {len(report.loaded)} bundle(s), {len(report.skipped)} already in the store, "
               f"{len(report.failed)} failed, into {db} in {time.monotonic() - started:.1f}s")
    return report


def _rules(rules_dirs, only=(), skip=()):
    """The rules to run and the broken rule files; unknown --only/--skip names are usage errors."""
    rules, errors = checks.discover(rules_dirs or ())
    checks.require_known(rules, [*only, *skip])
    return checks.select(rules, only, skip), errors


def _check(db, selected, rules_dirs, complete=True, engine=None):
    rules, errors = selected
    with stores.updating(db) as store, StepProgress("checking", len(rules)) as progress:
        report = checks.run(store, rules, rules_dirs or (), progress.advance, complete, engine)
        store.checkpoint()     # the catalog is small (the lines are in Parquet): the findings go in the file
    for path, message in errors + report.errors:
        _err(f"{path}: {message}")
    report.errors = errors + report.errors
    return report


def _report(db, out, templates=None, host=None, redact_map=None, engine=None):
    from sosql.reports.render import render
    with stores.reading(db) as store:
        stores.require_hosts(store, host)
        if engine is not None:
            engine.prepare(store)      # the fleet statistics run there
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


@app.command()
def load(paths: Optional[List[str]] = LoadPathsArgument, db: Path = DbOption, jobs: int = JobsOption,
         from_list: Optional[Path] = FromListOption,
         engine: common.Engine = LoadEngineOption, master: Optional[str] = MasterOption,
         store_uri: Optional[str] = LoadStoreUriOption):
    """Load bundles into the store; a bundle already loaded is skipped.

    With --engine spark the bundles are parsed on Spark's executors (docs/scale-out.md).

    Example: sosql load sosreport-node1.tar.xz bundles/ --db fleet-store; sosql load --from-list bundles.txt
    """
    paths = common.load_paths(paths, from_list, engine, store_uri)
    with _started(engine, master, store_uri) as started:
        loaded = _load(db, paths, jobs, started)
    if loaded.failed:
        raise typer.Exit(1)


@app.command()
def check(db: Path = DbOption, rules: Optional[List[Path]] = RulesOption,
          only: Optional[List[str]] = typer.Option(None, "--only", metavar="RULE", help="Run only these rule ids or tags."),
          skip: Optional[List[str]] = typer.Option(None, "--skip", metavar="RULE", help="Skip these rule ids or tags."),
          fmt: OutputFormat = FormatOption, fail_on: Optional[Severity] = FailOnOption,
          engine: common.Engine = EngineOption, master: Optional[str] = MasterOption,
          store_uri: Optional[str] = StoreUriOption):
    """Run the rules over the store and print their findings.

    Each run replaces the findings of the rules it ran; a run of the whole rule set (no
    --only or --skip) also drops the findings of rules no longer in it.
    Exit code 3 when --fail-on is given and a finding is at or above that severity.

    Example: sosql check --rules my-rules/ --format json --fail-on high; sosql check --engine spark
    """
    selected = _rules(rules, only or (), skip or ())
    with _started(engine, master, store_uri) as started:
        report = _check(db, selected, rules, not (only or skip), started)
    ran = [r.id for r in selected[0]]
    with stores.reading(db) as store:
        output.write(store.con.sql(
            "SELECT coalesce(h.hostname, CASE WHEN f.bundle_id IS NULL THEN '(fleet)' END) AS hostname, "
            "f.rule_id, f.severity, f.title, f.evidence FROM findings f "
            "LEFT JOIN hosts h USING (bundle_id) WHERE list_contains($ran, f.rule_id) "
            "ORDER BY list_position($severities, f.severity), h.hostname, f.rule_id",
            params={"ran": ran, "severities": list(checks.SEVERITIES)}), fmt)
        _note_stale(store, ran)
    if report.errors:
        raise typer.Exit(1)
    _fail_on(db, fail_on, ran)


@app.command()
def report(db: Path = DbOption, out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
           templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of templates overriding the built-in ones."),
           host: Optional[str] = typer.Option(None, "--host", help="One host's report (hostname or bundle id) instead of the fleet's."),
           redact: bool = typer.Option(False, "--redact", help="Replace names as sosql redact does, with --map."),
           map_file: Path = typer.Option(Path("sosql-redaction-map.json"), "--map", help="Redaction map to use and extend."),
           engine: common.Engine = EngineOption, master: Optional[str] = MasterOption,
           store_uri: Optional[str] = StoreUriOption):
    """Write the HTML report (self-contained, opens offline): the fleet, or one host with --host.

    With --engine spark the fleet statistics are computed by Spark (docs/scale-out.md).

    Example: sosql report --db fleet.duckdb --out fleet.html; sosql report --host node5 --out node5.html
    """
    with _started(engine, master, store_uri) as started:
        _report(db, out, templates, host, map_file if redact else None, started)


@app.command()
def analyze(paths: Optional[List[str]] = LoadPathsArgument,
            db: Path = DbOption, out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
            rules: Optional[List[Path]] = RulesOption, fail_on: Optional[Severity] = FailOnOption,
            jobs: int = JobsOption, from_list: Optional[Path] = FromListOption,
            engine: common.Engine = LoadEngineOption, master: Optional[str] = MasterOption,
            store_uri: Optional[str] = LoadStoreUriOption):
    """Load bundles, run the rules and write the report: the whole job in one command.

    With --engine spark all three run on one Spark session (docs/scale-out.md).

    Example: sosql analyze sample_bundles/ --out report.html
    """
    paths = common.load_paths(paths, from_list, engine, store_uri)
    selected = _rules(rules)
    with _started(engine, master, store_uri) as started:
        loaded = _load(db, paths, jobs, started)
        checked = _check(db, selected, rules, engine=started)
        _report(db, out, engine=started)
    if loaded.failed or checked.errors:
        raise typer.Exit(1)
    _fail_on(db, fail_on)


@contextlib.contextmanager
def _started(engine, master=None, store_uri=None):
    """The engine a command runs on (None: DuckDB, in this process), stopped when it ends."""
    started = rule_engine(engine, master, store_uri)
    try:
        yield started
    finally:
        if started is not None:
            started.stop()


def _note_stale(store, ran):
    """Findings of rules that did not run now are from an earlier check: say so, not show them."""
    older = store.execute("SELECT count(*), count(DISTINCT rule_id) FROM findings WHERE NOT list_contains(?, rule_id)",
                          [ran]).fetchall()[0]
    if older[0]:
        typer.echo(f"sosql: note: {older[0]} finding(s) of {older[1]} rule(s) not run now are from an earlier "
                   "check (sosql check without --only refreshes them)", err=True)


def _fail_on(db, severity, ran=None):
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
