"""The `sosql` command. Errors become one line on stderr and a non-zero exit code here,
at the edge; the library below raises domain errors (errors.py).

Exit codes: 0 success; 1 an error, or a bundle that failed to load (the others
are still loaded), or a broken rule; 2 a usage error; 3 findings at or above
--fail-on. The commands that browse the store live in cli_explore.py.
"""
import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from . import checks, loader, output, sandbox
from .errors import SandboxError, SosqlError
from .progress import LoadProgress
from .cli_app import DbOption, app, check_format as _check_format, state
from .store import open_store

JobsOption = typer.Option(os.cpu_count() or 1, "--jobs", "-j",
                          help="Worker processes parsing bundles (default: the number of cores).")
RulesOption = typer.Option(None, "--rules", help="Extra folder of rule .sql files (repeatable).")
FailOnOption = typer.Option(None, "--fail-on", help="Exit 3 if any finding is at or above this severity: "
                                                    "critical, high, medium, low or info.")


def _err(message):
    typer.echo(f"sosql: error: {message}", err=True)


def _load(db, paths, jobs=1):
    """Load with a progress bar; print one line per failed bundle. Returns the LoadReport."""
    bundles = loader.expand(paths)
    started = time.monotonic()
    with open_store(db) as store, LoadProgress(bundles) as progress:
        report = loader.load(store, paths, strict=state["debug"], jobs=jobs, progress=progress.advance)
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


def _check(db, rules_dirs, only=(), skip=()):
    rules, errors = checks.discover(rules_dirs or ())
    with open_store(db) as store:
        # The findings stay in the WAL (durable) instead of a checkpoint at exit, which on
        # a store of 1,000 bundles costs 10 s for a few MB of findings; the next load or
        # a larger WAL checkpoints them.
        store.execute("PRAGMA disable_checkpoint_on_shutdown")
        report = checks.run(store, checks.select(rules, only, skip), rules_dirs or ())
    for path, message in errors + report.errors:
        _err(f"{path}: {message}")
    report.errors = errors + report.errors
    return report


def _report(db, out, templates=None, host=None, redact_map=None):
    from reports.render import render
    with open_store(db, read_only=True) as store:
        data = render(store, out, templates, host)
    if redact_map:
        hosts = [data["host"]] if host else data["hosts"]
        _redact_file(out, redact_map, [h["hostname"] for h in hosts if h["hostname"]], db)
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
def load(paths: List[Path] = typer.Argument(..., help="Bundles: archives, directories, or folders of them."),
         db: Path = DbOption, jobs: int = JobsOption):
    """Load bundles into the store; a bundle already loaded is skipped.

    Example: sosql load sosreport-node1.tar.xz bundles/ --db fleet.duckdb
    """
    if _load(db, paths, jobs).failed:
        raise typer.Exit(1)


@app.command()
def check(db: Path = DbOption, rules: Optional[List[Path]] = RulesOption,
          only: Optional[List[str]] = typer.Option(None, "--only", help="Run only these rule ids or tags."),
          skip: Optional[List[str]] = typer.Option(None, "--skip", help="Skip these rule ids or tags."),
          fmt: str = typer.Option("table", "--format", help="table, csv or json."),
          fail_on: Optional[str] = FailOnOption):
    """Run the rules over the store and print the findings.

    Exit code 3 when --fail-on is given and a finding is at or above that severity.

    Example: sosql check --rules my-rules/ --format json --fail-on high
    """
    _check_format(fmt)
    report = _check(db, rules, only or (), skip or ())
    with open_store(db, read_only=True) as store:
        output.write(store.arrow(
            "SELECT h.hostname, f.rule_id, f.severity, f.title, f.evidence FROM findings f "
            "LEFT JOIN hosts h USING (bundle_id) ORDER BY list_position(?, f.severity), h.hostname",
            [list(checks.SEVERITIES)]), fmt)
    if report.errors:
        raise typer.Exit(1)
    _fail_on(db, fail_on)


@app.command()
def report(db: Path = DbOption, out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
           templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of templates overriding the built-in ones."),
           host: Optional[str] = typer.Option(None, "--host", help="One host's report (hostname or bundle id) instead of the fleet's."),
           redact: bool = typer.Option(False, "--redact", help="Replace names as sosql redact does, with --map."),
           map_file: Path = typer.Option(Path("sosql-redaction-map.json"), "--map", help="Redaction map to use and extend.")):
    """Write the HTML report (self-contained, opens offline): the fleet, or one host with --host.

    Example: sosql report --db fleet.duckdb --out fleet.html; sosql report --host node5 --out node5.html
    """
    _report(db, out, templates, host, map_file if redact else None)


@app.command()
def analyze(paths: List[Path] = typer.Argument(..., help="Bundles: archives, directories, or folders of them."),
            db: Path = DbOption, out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
            rules: Optional[List[Path]] = RulesOption, fail_on: Optional[str] = FailOnOption,
            jobs: int = JobsOption):
    """Load bundles, run the rules and write the report: the whole job in one command.

    Example: sosql analyze sample_bundles/ --out report.html
    """
    loaded = _load(db, paths, jobs)
    checked = _check(db, rules)
    _report(db, out)
    if loaded.failed or checked.errors:
        raise typer.Exit(1)
    _fail_on(db, fail_on)


@app.command()
def query(sql: str = typer.Argument(..., help="The SQL to run."), db: Path = DbOption,
          fmt: str = typer.Option("table", "--format", help="table, csv or json (one object per line)."),
          allow_files: bool = typer.Option(False, "--allow-files",
                                           help="Let the SQL read and write files (COPY, read_csv, ...).")):
    """Run one SELECT against the store and print the result.

    The SQL may only read the store's tables (see docs/rules.md, "What a rule may do");
    --allow-files lifts that, for your own files on your own machine.

    Example: sosql query "SELECT hostname, kernel_release FROM hosts" --format csv
    """
    _check_format(fmt)
    with open_store(db, read_only=True) as store:
        if not allow_files:
            try:
                sandbox.check(sql, *sandbox.store_names(store.con))
            except SandboxError as exc:
                raise SandboxError(f"query refused: {exc} (--allow-files lifts this)") from exc
            store.execute("SET enable_external_access = false")
        output.write(store.arrow(sql), fmt)


@app.command()
def advisories(paths: List[Path] = typer.Argument(..., help="OSV JSON files, folders or zips of them."),
               db: Path = DbOption):
    """Import security advisories (OSV JSON, as Ubuntu, Debian, Red Hat, AlmaLinux and Rocky
    Linux publish them) for the package_advisories rule: no network needed at check time.

    Example: sosql advisories ~/Downloads/Ubuntu-all.zip && sosql check --only package_advisories
    """
    from .advisories import import_osv
    with open_store(db) as store:
        count, rows, skipped = import_osv(store, paths)
    typer.echo(f"imported {count} advisories ({rows} affected package ranges) into {db}"
               + (f"; {skipped} file(s) were not OSV advisories" if skipped else ""))


def _redact_file(out, map_file, hostnames, db):
    """Names in a written report replaced through the redaction map, which learns the report's
    hosts; the analyst's own paths (the bundles' and the store's, as loaded) become neutral
    names first: bundle-N and sosql.duckdb."""
    import html
    from .redact import Redactor, local_paths, write_map
    from .redact_map import load_json
    redactor = Redactor(load_json(Path(map_file).read_text(), map_file) if Path(map_file).exists() else None)
    text = Path(out).read_text(encoding="utf-8")
    for path, neutral in local_paths(db):
        for form in {path, html.escape(path), html.escape(path, quote=False)}:
            text = text.replace(form, neutral)
    for name in hostnames:
        redactor.learn(name)
    Path(out).write_text(redactor.text(text), encoding="utf-8")
    write_map(map_file, redactor.map)


def _fail_on(db, severity):
    if severity is None:
        return
    if severity not in checks.SEVERITIES:
        raise typer.BadParameter(f"--fail-on must be one of {', '.join(checks.SEVERITIES)}")
    worse = list(checks.SEVERITIES[:checks.SEVERITIES.index(severity) + 1])
    with open_store(db, read_only=True) as store:
        found = store.execute("SELECT count(*) FROM findings WHERE list_contains(?, severity)", [worse]).fetchall()[0][0]
    if found:
        typer.echo(f"{found} finding(s) at or above {severity}", err=True)
        raise typer.Exit(3)


from . import cli_explore  # noqa: E402,F401  (registers its commands on app)
from . import cli_summary  # noqa: E402,F401  (registers `summary` on app)


def main():
    """Console entry point: domain errors become one line and exit code 1."""
    try:
        app()
    except SosqlError as exc:
        if state["debug"]:
            raise
        _err(str(exc))
        sys.exit(1)
