"""Rule files: SQL files whose rows are findings, with their metadata in a header.

A rule is one file, `<area>/<id>.sql`, its metadata in a leading comment block:

    /*
    title: Soft lockups: a CPU was stuck in kernel mode
    severity: high
    description: Why it matters, in a sentence or three.
    remediation: What to do about it.
    references: https://www.kernel.org/doc/html/latest/admin-guide/lockup-watchdogs.html
    tags: kernel, lockup
    requires: events
    */
    SELECT bundle_id, string_agg(raw, chr(10)) AS evidence FROM events ... GROUP BY bundle_id

Indented lines continue the previous field. Every row the query returns is a
finding; it must have `bundle_id` (NULL for a fleet-level finding) and
`evidence`; any other columns are kept as the finding's details (JSON).
The tables a rule requires are those its query reads (reads.py), but for
`bundles` and `hosts` (every bundle has them), lookups, and those named in
`optional:` (read for context: their absence changes nothing). A bundle with
no rows in a required table is reported `not_evaluated` for the rule rather
than clean (events and crashes count as present when the bundle has any log
lines). A `requires:` field, if given, replaces what is derived. `scope: fleet`
marks a rule that compares bundles. A `<name>.csv` beside the rules is a
lookup table `<name>` the rules can read; a user's folder with a file of the
same name adds rows to it. The query must be one SELECT that reads only the store
(sandbox.py says what is refused, docs/rules.md why).
"""
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from sosql.errors import RuleError, UnknownNameError
from sosql.rules.reads import tables_read
from sosql.store import schema

BUILTIN_RULES = Path(__file__).parent     # the area folders beside this file
SEVERITIES = ("critical", "high", "medium", "low", "info")
REQUIRED_FIELDS = ("title", "severity", "description", "remediation")
LIST_FIELDS = ("references", "tags", "requires", "optional")
# Tables every loaded bundle has rows in: requiring them would say nothing.
ALWAYS_PRESENT = {"bundles", "hosts"}
HEADER = re.compile(r"\A\s*/\*(.*?)\*/(.*)\Z", re.S)


@dataclass
class Rule:
    id: str
    path: Path
    title: str
    severity: str
    description: str
    remediation: str
    sql: str
    references: List[str] = field(default_factory=list)
    tags: List[str] = field(default_factory=list)
    requires: List[str] = field(default_factory=list)
    optional: List[str] = field(default_factory=list)
    scope: str = "host"


def parse_rule(path):
    """Read one rule file; RuleError names the file and what is wrong."""
    path = Path(path)
    match = HEADER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise RuleError(path, "no metadata block: the file must start with /* key: value ... */")
    meta = _fields(path, match.group(1))
    missing = [k for k in REQUIRED_FIELDS if not meta.get(k)]
    if missing:
        raise RuleError(path, f"missing metadata: {', '.join(missing)}")
    if meta["severity"] not in SEVERITIES:
        raise RuleError(path, f"severity must be one of {', '.join(SEVERITIES)}")
    sql = match.group(2).strip().rstrip(";")
    if not sql:
        raise RuleError(path, "no query after the metadata block")
    lists = {k: _split(meta.get(k, "")) for k in LIST_FIELDS}
    scope = meta.get("scope", "host")
    if scope not in ("host", "fleet"):
        raise RuleError(path, "scope must be host or fleet")
    if not lists["requires"]:
        lists["requires"] = _required_tables(path, sql, lists["optional"])
    return Rule(id=path.stem, path=path, sql=sql, scope=scope, **lists,
                **{k: meta[k] for k in REQUIRED_FIELDS})


def _required_tables(path, sql, optional):
    try:
        read = tables_read(sql)
    except ValueError:          # DuckDB SQL sqlglot cannot read: the rule runs on every bundle
        return []
    unread = sorted(set(optional) - set(read))
    if unread:
        raise RuleError(path, f"optional names tables the query does not read: {', '.join(unread)}")
    return [t for t in read if t in schema.BY_NAME and "bundle_id" in schema.column_names(t)
            and t not in ALWAYS_PRESENT and t not in optional]


def _fields(path, block):
    meta, key = {}, None
    for line in block.splitlines():
        if not line.strip():
            continue
        if line[:1].isspace() and key:
            meta[key] = f"{meta[key]}\n{line.strip()}".strip()
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not re.fullmatch(r"[a-z_]+", key):
            raise RuleError(path, f"metadata line is not 'key: value': {line.strip()!r}")
        meta[key] = value.strip()
    return meta


def _split(value):
    return [v.strip() for v in re.split(r"[,\n]", value) if v.strip()]


def rule_dirs(extra_dirs=(), include_builtin=True):
    return ([BUILTIN_RULES] if include_builtin else []) + [Path(d) for d in extra_dirs]


def discover(extra_dirs=(), include_builtin=True):
    """All rules, built-in first. Returns (rules, errors) — a broken file does not stop the rest."""
    dirs = rule_dirs(extra_dirs, include_builtin)
    rules, errors, seen = [], [], {}
    for directory in dirs:
        if not directory.is_dir():
            errors.append((str(directory), "rule folder not found"))
            continue
        for path in sorted(directory.rglob("*.sql")):
            try:
                rule = parse_rule(path)
            except RuleError as exc:
                errors.append((str(path), str(exc).split(": ", 1)[-1]))
                continue
            if rule.id in seen:
                errors.append((str(path), f"rule id {rule.id} is already defined in {seen[rule.id]}"))
                continue
            seen[rule.id] = path
            rules.append(rule)
    return rules, errors


def select(rules, only=(), skip=()):
    """Rules whose id or a tag is in `only` (all when empty) and in neither of `skip`."""
    def named(rule, names):
        return rule.id in names or any(t in names for t in rule.tags)
    return [r for r in rules if (not only or named(r, only)) and not named(r, skip)]


def require_known(rules, names):
    """Each name (of --only, --skip, rules show) must be a rule id or tag: a typo that selects
    nothing would otherwise pass for a clean check."""
    known = {r.id for r in rules} | {t for r in rules for t in r.tags}
    for name in names:
        if name not in known:
            raise UnknownNameError("rule or tag", name, sorted(known), " (see sosql rules list)")
