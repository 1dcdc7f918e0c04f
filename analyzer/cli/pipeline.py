"""The `sosql` commands that load, check and report. Errors become one line on stderr and a
non-zero exit code at the edge (common.py); the library below raises domain errors (errors.py).

Exit codes: 0 success; 1 an error, or a bundle that failed to load (the others
are still loaded), or a broken rule; 2 a usage error; 3 findings at or above
--fail-on. The steps they share are steps.py's; the commands that browse the store live in
explore.py and query.py.
"""
from pathlib import Path
from typing import List, Optional

import typer

from sosql.cli import common, output, steps, stores
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
)
from sosql.load.cores import usable_cores
from sosql.rules import checks

JobsOption = typer.Option(usable_cores(), "--jobs", "-j", metavar="N", show_default=False,
                          help="Worker processes parsing bundles (default: the cores this process may use, "
                               "within a container's CPU limit).")
RulesOption = typer.Option(None, "--rules", metavar="DIR", help="Extra folder of rule .sql files (repeatable).")
FailOnOption = typer.Option(None, "--fail-on", help="Exit 3 if any finding is at or above this severity.")


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
    with steps.started(engine, master, store_uri) as started:
        loaded = steps.load(db, paths, jobs, started)
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
    selected = steps.rules(rules, only or (), skip or ())
    with steps.started(engine, master, store_uri) as started:
        report = steps.check(db, selected, rules, not (only or skip), started)
    ran = [r.id for r in selected[0]]
    with stores.reading(db) as store:
        output.write(store.con.sql(
            "SELECT coalesce(h.hostname, CASE WHEN f.bundle_id IS NULL THEN '(fleet)' END) AS hostname, "
            "f.rule_id, f.severity, f.title, f.evidence FROM findings f "
            "LEFT JOIN hosts h USING (bundle_id) WHERE list_contains($ran, f.rule_id) "
            "ORDER BY list_position($severities, f.severity), h.hostname, f.rule_id",
            params={"ran": ran, "severities": list(checks.SEVERITIES)}), fmt)
        steps.note_stale(store, ran)
    if report.errors:
        raise typer.Exit(1)
    steps.fail_on(db, fail_on, ran)


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
    with steps.started(engine, master, store_uri) as started:
        steps.report(db, out, templates, host, map_file if redact else None, started)


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
    selected = steps.rules(rules)
    with steps.started(engine, master, store_uri) as started:
        loaded = steps.load(db, paths, jobs, started)
        checked = steps.check(db, selected, rules, engine=started)
        steps.report(db, out, engine=started)
    if loaded.failed or checked.errors:
        raise typer.Exit(1)
    steps.fail_on(db, fail_on)


