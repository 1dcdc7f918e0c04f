"""Rule cases: the test data each rule keeps beside its SQL, as `<rule>.cases.toml`.

    [[case]]
    name = "a soft lockup in messages"         # what the case shows (the test's id)
    fires = true                               # false: the rule must stay silent
    [case.files]                               # bundle members, our collector's layout
    "files/var/log/messages" = '''
    Jul 10 09:40:13 node9 kernel: NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]
    '''
    [case.expect]                              # optional: columns of the finding
    occurrences = 1                            # a findings column or a key of its details
    evidence = "stuck for 21s"                 # evidence: a part of it (or a list of parts)

Optional keys of a case: `format = "sos"` (the files are a sos report tree), `hostname`,
`kernel` (the uname release), `findings` (how many, default 1 when it fires). A fleet rule's
case gives `[[case.bundle]]` tables, each with its own `files` (and hostname, kernel), loaded
together into a store of their own; its expectations are about the fleet-level finding.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

try:
    import tomllib
except ImportError:        # Python < 3.11: pytest's own dependency
    import tomli as tomllib

from bundles import native_files, write_dir

RULES = Path(__file__).resolve().parent.parent / "analyzer" / "rules"


@dataclass
class Case:
    rule_id: str
    name: str
    fires: bool
    bundles: List[Dict[str, str]]          # each: member path -> text
    expect: dict = field(default_factory=dict)
    findings: int = 1
    fleet: bool = False

    @property
    def id(self):
        return f"{self.rule_id}: {self.name}"


def case_files():
    return sorted(RULES.glob("*/*.cases.toml"))


def load_cases():
    """Every case of every rule, in file order."""
    return [case for path in case_files() for case in _cases_of(path)]


def _cases_of(path):
    rule_id = path.name[: -len(".cases.toml")]
    data = tomllib.loads(path.read_text())
    for number, raw in enumerate(data.get("case", [])):
        parts = raw.get("bundle") or [raw]
        bundles = [_members(part, f"{rule_id.replace('_', '-')}-{number}-{i}") for i, part in enumerate(parts)]
        yield Case(rule_id, raw["name"], raw["fires"], bundles, raw.get("expect", {}),
                   raw.get("findings", 1 if raw["fires"] else 0), fleet="bundle" in raw)


def _members(part, default_host):
    hostname = part.get("hostname", default_host)
    kernel = part.get("kernel", "3.10.0-693.el7.x86_64")
    files = part.get("files", {})
    if part.get("format", "sosql") == "sos":
        return {**_sos_base(hostname, kernel), **files}
    return native_files(hostname=hostname, kernel=kernel, extra=files)


def _sos_base(hostname, kernel):
    return {"version.txt": "sosreport: 3.5\n",
            "sos_commands/kernel/uname_-a": f"Linux {hostname} {kernel} #1 SMP Tue Aug 22 21:09:27 UTC 2017 "
                                            "x86_64 x86_64 x86_64 GNU/Linux\n",
            "sos_commands/general/hostname": f"{hostname}\n",
            "sos_commands/general/date": "Tue Jul 10 10:00:00 CST 2018\n"}


def write_bundles(case, folder):
    """The case's bundles as directories under `folder`; returns their paths."""
    return [write_dir(folder / f"b{i}", files) for i, files in enumerate(case.bundles)]


def check(case, rows):
    """Compare the rule's findings for the case (dicts of the findings table) with what it expects."""
    assert len(rows) == case.findings, (
        f"{case.id}: {len(rows)} finding(s), expected {case.findings}: {[r['evidence'] for r in rows]}")
    for name, wanted in case.expect.items():
        row = rows[0]
        got = row[name] if name in row else json.loads(row["details"] or "{}").get(name, "<no such column>")
        if name == "evidence":
            for part in [wanted] if isinstance(wanted, str) else wanted:
                assert part in (got or ""), f"{case.id}: evidence lacks {part!r}: {got!r}"
        else:
            assert got == wanted, f"{case.id}: {name} is {got!r}, expected {wanted!r}"
