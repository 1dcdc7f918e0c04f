"""Running rules: findings into `findings`, and per bundle how each rule went into `rule_runs`.

The rule file format is described in rulefiles.py.
"""
import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Tuple

import duckdb

from sosql.errors import QueryError, RuleError, SandboxError
from sosql.rules import sandbox
from sosql.rules.rulefiles import SEVERITIES, discover, parse_rule, require_known, rule_dirs, select  # noqa: F401 (the API)
from sosql.store import schema

EVIDENCED_BY_LOGS = {"events": "log_lines", "crashes": "log_lines"}   # no events is news only with logs
# A store of fewer log lines is checked on one DuckDB thread (Database.one_thread): a fifth
# less CPU for the sample fleet's.
SMALL_STORE_LINES = 100_000


@dataclass
class CheckReport:
    findings: int = 0
    not_evaluated: int = 0                                       # (bundle, rule) pairs lacking data
    per_rule: dict = field(default_factory=dict)                 # rule id -> findings
    errors: List[Tuple[str, str]] = field(default_factory=list)  # (rule file, message)


def run(store, rules, extra_dirs=(), progress=None, complete=False, engine=None):
    """Run the rules, replace their findings and rule_runs in the store, and record the run
    (rule ids, folders, time) in `meta`. `complete` says the rules are the whole rule set: the
    findings of any other rule (from a --rules folder not given this time) go too.
    `progress(rule_id)` is called after each rule. `engine` runs the queries elsewhere (its
    `prepare(store)`, then `rows(rule)` as Arrow, e.g. spark.engine.SparkEngine); by default
    the store's DuckDB does."""
    report, results = CheckReport(), []
    report.errors += load_lookups(store, extra_dirs)
    if engine is not None:
        engine.prepare(store, rules)
    readable = sandbox.store_names(store.con)
    bundles = [r[0] for r in store.execute("SELECT bundle_id FROM bundles ORDER BY 1").fetchall()]
    lacking = {}     # table -> bundles without rows in it; many rules need the same tables
    with _threads_fit(store):
        for rule in rules:
            try:
                rows = _query(store, rule, readable, engine)
                results.append((rule, rows, _missing_data(store, rule, lacking)))
            except RuleError as exc:
                report.errors.append((str(rule.path), str(exc).split(": ", 1)[-1]))
            if progress:
                progress(rule.id)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with store.transaction():
        ids = [rule.id for rule, _, _ in results] + [Path(p).stem for p, _ in report.errors]
        store.execute("DELETE FROM findings WHERE list_contains(?, rule_id)", [ids])
        store.execute("DELETE FROM rule_runs WHERE list_contains(?, rule_id)", [ids])
        if complete:
            store.execute("DELETE FROM findings WHERE NOT list_contains(?, rule_id)", [ids])
            store.execute("DELETE FROM rule_runs WHERE NOT list_contains(?, rule_id)", [ids])
        _record_run(store, now, ids, extra_dirs, complete)
        runs = [{"rule_id": Path(p).stem, "status": "error", "findings": 0, "message": m, "checked_at": now}
                for p, m in report.errors]
        for rule, rows, missing in results:
            report.per_rule[rule.id] = _store_findings(store, rule, rows, now)
            report.findings += report.per_rule[rule.id]
            runs += _runs(rule, rows, missing, bundles, now)
        store.insert_dicts("rule_runs", runs)       # one insert: each costs a round trip
    report.not_evaluated = sum(len(m) for _, _, m in results)
    return report


@contextlib.contextmanager
def _threads_fit(store):
    """The rules of a store of few log lines (its files', SMALL_STORE_LINES) run on one DuckDB
    thread; the setting before is restored after."""
    before = store.single_thread
    lines = store.execute("SELECT coalesce(sum(rows), 0) FROM parquet_files WHERE table_name = 'log_lines'")
    store.one_thread(lines.fetchall()[0][0] < SMALL_STORE_LINES)
    try:
        yield
    finally:
        store.one_thread(before)


def _record_run(store, now, ids, extra_dirs, complete):
    run = {"at": now.isoformat(sep=" "), "rules": sorted(ids), "folders": [str(d) for d in extra_dirs],
           "complete": complete}
    store.execute("DELETE FROM meta WHERE key = 'last_check'")
    store.execute("INSERT INTO meta VALUES ('last_check', ?)", [json.dumps(run)])


def last_run(store):
    """The latest check run: {at, rules, folders, complete}, or None. A finding with an earlier
    checked_at is of a rule that did not run then: stale."""
    rows = store.execute("SELECT value FROM meta WHERE key = 'last_check'").fetchall()
    return json.loads(rows[0][0]) if rows else None


def _missing_data(store, rule, lacking):
    """{bundle_id: why} for the bundles lacking a table the rule needs (`lacking` caches per table)."""
    missing = {}
    for table in rule.requires:
        source = EVIDENCED_BY_LOGS.get(table, table)
        if source not in lacking:
            try:
                lacking[source] = store.execute(
                    f'SELECT bundle_id FROM bundles WHERE bundle_id NOT IN '
                    f'(SELECT DISTINCT bundle_id FROM "{source}" WHERE bundle_id IS NOT NULL)').fetchall()
            except Exception as exc:
                raise RuleError(rule.path, f"requires unknown table {table!r}") from exc
        for (bundle_id,) in lacking[source]:
            missing.setdefault(bundle_id, f"no {source} in this bundle")
    return missing


def _runs(rule, rows, missing, bundles, now):
    if rule.scope == "fleet":
        return [{"bundle_id": None, "rule_id": rule.id, "status": "fired" if rows.num_rows else "passed",
                 "findings": rows.num_rows, "checked_at": now}]
    counts = {}
    for bundle_id in rows.column("bundle_id").to_pylist():
        counts[bundle_id] = counts.get(bundle_id, 0) + 1
    return [{"bundle_id": b, "rule_id": rule.id, "findings": counts.get(b, 0), "checked_at": now,
             "status": "fired" if counts.get(b) else "not_evaluated" if b in missing else "passed",
             "message": None if counts.get(b) else missing.get(b)} for b in bundles]


def load_lookups(store, extra_dirs=()):
    """Each <name>.csv beside the rules becomes the lookup table <name> (user folders add rows).
    Returns (file, message) for the files refused: a lookup may not hide a table of the store."""
    files, errors = {}, []
    tables = sandbox.readable_tables(store.con, temporary=False)
    tables |= set(schema.FILE_TABLES)       # temporary views over the store's files, yet its tables
    for directory in rule_dirs(extra_dirs):
        for path in sorted(Path(directory).rglob("*.csv")) if Path(directory).is_dir() else ():
            if path.stem.lower() in tables:
                errors.append((str(path), f"lookup {path.stem!r} has the name of a table of the store: rename it"))
            else:
                files.setdefault(path.stem, []).append(str(path))
    for name, paths in files.items():
        try:
            store.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS SELECT * FROM read_csv(?, header = true, '
                          f'all_varchar = true, union_by_name = true)', [paths])
        except duckdb.Error as exc:
            errors.append((paths[-1], f"lookup cannot be read: {str(exc).splitlines()[0]}"))
    return errors


def _query(store, rule, readable, engine=None):
    try:
        sandbox.check(rule.sql, *readable)
    except SandboxError as exc:
        raise RuleError(rule.path, f"refused: {exc}") from exc
    try:
        rows = engine.rows(rule) if engine is not None else store.arrow(rule.sql)
    except QueryError as exc:
        raise RuleError(rule.path, f"query failed: {exc}") from exc
    missing = {"bundle_id", "evidence"} - set(rows.schema.names)
    if missing:
        raise RuleError(rule.path, f"query must return columns {', '.join(sorted(missing))}")
    return rows


def _store_findings(store, rule, rows, now):
    if rows.num_rows == 0:
        return 0
    others = [n for n in rows.schema.names if n not in ("bundle_id", "evidence")]
    details = ("to_json(struct_pack(" + ", ".join(f'"{n}" := "{n}"' for n in others) + "))"
               if others else "'{}'")
    store.con.register("_sosql_findings", rows)
    try:
        store.execute(f"""
            INSERT INTO findings (bundle_id, rule_id, severity, title, evidence, details, checked_at)
            SELECT CAST(bundle_id AS VARCHAR), ?, ?, ?, CAST(evidence AS VARCHAR), {details}, ?
            FROM _sosql_findings""",
            [rule.id, rule.severity, rule.title, now])
    finally:
        store.con.unregister("_sosql_findings")
    return rows.num_rows
