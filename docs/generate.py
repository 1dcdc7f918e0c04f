"""Generated documentation: `python docs/generate.py` rewrites docs/tables.md, sources.md, collector.md
and rules.md.

A test checks the committed file is what this writes, so the docs never drift
from the schema.
"""
import fnmatch
from pathlib import Path

from sosql.read import catalog
from sosql.store import schema

DOCS = Path(__file__).resolve().parent
TABLES_MD = DOCS / "tables.md"
COLLECTOR_MD = DOCS / "collector.md"

COLLECTOR_INTRO = """# The node collector

Generated from `collectors/collect.py` and `analyzer/read/catalog.py` by `python docs/generate.py`;
do not edit by hand.

Copy `collectors/collect.py` to a node and run it with any Python 3.6 or newer:

    python3 collect.py --output /var/tmp

or, where sosql is installed, `sosql collect --output DIR`. It writes one
`sosql-<host>-<UTC time>.tar.gz` (format: `docs/bundle-format.md`) and prints
its path. It needs no root: what it cannot read is recorded in the manifest
with the reason. It uses the standard library only and never a shell.

| option | default | meaning |
|---|---|---|
| `--output DIR` | `.` | folder to write the bundle to, made if it does not exist yet |
| `--exclude PATTERN` | | skip items whose path, command name or program matches (fnmatch; repeatable) |
| `--timeout S` | 30 | seconds per command; a command still running then is killed. After a command of a daemon's client (docker, crictl, podman, systemctl, timedatectl, chronyc) times out, that program's later commands are skipped and recorded: a hung daemon costs one timeout, not one per command |
| `--deadline S` | 300 | seconds for the whole run; later items are skipped and recorded |
| `--max-total-mb N` | 512 | cap on the bundle's data; later items are skipped and recorded |
| `--max-log-mb N` | 64 | newest data kept per log file |
| `--max-command-mb N` | 32 | output kept per command or file (the newest) |
| `--max-rotated N` | 4 | rotated files kept per log, newest first |
| `--path DIRS` | `$PATH` and the sbin folders | where to look for commands |

Privacy: keys, certificates and kubeconfigs are never collected; values of
password-, token- and secret-like keys and flags in configuration files and
process arguments are replaced by `********`. Logs are copied as they are: use
`--exclude` for a log you may not share.

## What it collects

In order. "Loaded as" names the source of `analyzer/read/catalog.py` that parses the
item into tables; every item, loaded or not, is a row of `bundle_items`.
"""


def tables_markdown():
    lines = ["# Tables", "",
             "Generated from `analyzer/store/schema/` by `python docs/generate.py`; do not edit by hand.",
             f"Schema version {schema.SCHEMA_VERSION}. Times are node local unless the column says UTC.", ""]
    for table in schema.TABLES:
        lines += [f"## {table.name}", "", table.doc, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in table.columns]
        lines.append("")
    return "\n".join(lines)


def _loaded_as(member):
    names = [s.name for s in catalog.SOURCES if any(member == p or fnmatch.fnmatchcase(member, p) for p in s.sosql)]
    return ", ".join(f"`{n}`" for n in names) or "kept (no parser yet)"


def collector_markdown():
    from sosql.collectors import collect
    lines = [COLLECTOR_INTRO, "| item | member | loaded as |", "|---|---|---|"]
    for cmd in collect.COMMANDS:
        note = f" (only if `{cmd.fallback_for}` fails)" if cmd.fallback_for else ""
        note += " (only if neither " + " nor ".join(cmd.unless_files) + " exists)" if cmd.unless_files else ""
        member = "commands/" + cmd.name
        lines.append(f"| `{' '.join(cmd.argv)}`{note} | `{member}` | {_loaded_as(member)} |")
    for templates, each, name in ((collect.PER_DEVICE, "network device with hardware", "eth0"),
                                  (collect.PER_NAMESPACE, "named network namespace", "ns1")):
        for argv in templates:
            shown = " ".join(argv).format(dev="DEV", ns="NS")
            member = "commands/" + "_".join(argv).format(dev="DEV", ns="NS")
            loaded = _loaded_as(member.replace("DEV", name).replace("NS", name))
            lines.append(f"| `{shown}` (each {each}) | `{member}` | {loaded} |")
    for group in collect.FILES:
        for pattern in group.patterns:
            member = "files/" + pattern.lstrip("/")
            kind = " (log: newest data, rotated files too)" if group.log else ""
            kind += f" (the {group.newest} newest)" if group.newest else ""
            lines.append(f"| `{pattern}`{kind} | `{member}` | {_loaded_as(member)} |")
    return "\n".join(lines) + "\n"


def rules_markdown():
    from sosql.rules.rulefiles import discover
    rules = sorted(discover()[0], key=lambda r: (r.path.parent.name, r.id))
    lines = ["# Rules", "", "Generated from `analyzer/rules/` by `python docs/generate.py`; do not edit by hand.",
             "Run `sosql rules show ID` for a rule's SQL. Add your own with `sosql check --rules DIR`",
             "(same format: see `analyzer/rules/rulefiles.py`).", "",
             "## What a rule may do", "",
             "Rule folders come from other people, so a rule is trusted to read the store and nothing more.",
             "A rule file holds one `SELECT` (a `WITH`, `UNION` or DuckDB's `FROM`-first form is fine) over the",
             "store's tables and views, the `events_near()` macro, its own CTEs and the lookup CSVs beside it.",
             "Anything else is refused before it runs, naming the file and what was refused: a second",
             "statement, `COPY`, `ATTACH`, `INSTALL`/`LOAD`, `SET`/`PRAGMA`, writes (`INSERT`, `DROP`, ...), any",
             "function that reads files, the environment or the network (`read_text`, `read_csv`, `glob`,",
             "`getenv`, ...) and a table name that could be a file (`'/etc/passwd'`, `'x.csv'`). A lookup CSV",
             "named like a table of the store (`hosts.csv`) is refused instead of hiding the table.",
             "`sosql query` applies the same check and also runs with DuckDB's external access turned off;",
             "`sosql query --allow-files` lifts both, for a user's own files on their own machine.", "",
             "## Rules", "",
             "| rule | severity | area | title |", "|---|---|---|---|"]
    lines += [f"| [`{r.id}`](#{r.id}) | {r.severity} | {r.path.parent.name} | {r.title} |" for r in rules]
    for r in rules:
        refs = ", ".join(f"<{ref}>" for ref in r.references)
        lines += ["", f"## {r.id}", "", f"**{r.title}**", "",
                  f"Severity {r.severity} · scope {r.scope} · tags {', '.join(r.tags)} · "
                  f"needs {', '.join(r.requires) or 'the host facts only'}",
                  "", f"*Why:* {' '.join(r.description.split())}", "", f"*Fix:* {' '.join(r.remediation.split())}",
                  "", f"*References:* {refs}"]
    return "\n".join(lines) + "\n"


def _tables_of(parser_name):
    """The tables a parser's rows go to: facts go to hosts (bundles for collection facts)."""
    from sosql import parsers
    parser = parsers.get(parser_name)
    if parser.KIND == "facts":
        return "hosts, bundles (facts)"
    if parser.KIND == "log":
        return "log_lines (then events, crashes)"
    return getattr(parser, "TABLE", None) or "iptables_chains, iptables_rules"


def sources_markdown():
    lines = ["# Sources", "", "Generated from `analyzer/read/catalog.py` by `python docs/generate.py`; do not edit by hand.",
             "Where each source is read from in each bundle layout (fnmatch patterns, best first; a source marked",
             "*many* loads every match) and the tables it fills. `sosql sources HOST` says which a bundle had.", "",
             "| source | sosql (our collector) | sos report | insights | tables |", "|---|---|---|---|---|"]
    for source in catalog.SOURCES:
        paths = ["<br>".join(f"`{p}`" for p in catalog.candidates(source, fmt)) or "—" for fmt in catalog.FORMATS]
        name = f"`{source.name}`" + (" *many*" if source.many else "")
        lines.append(f"| {name} | {' | '.join(paths)} | {_tables_of(source.parser)} |")
    return "\n".join(lines) + "\n"


RULES_MD = DOCS / "rules.md"
SOURCES_MD = DOCS / "sources.md"
GENERATED = {TABLES_MD: tables_markdown, SOURCES_MD: sources_markdown, COLLECTOR_MD: collector_markdown,
             RULES_MD: rules_markdown}

if __name__ == "__main__":
    for path, make in GENERATED.items():
        path.write_text(make())
        print(path)
