"""What the fleet report leads with: each rule that fired, worst first, with what it means and
what to do (the rule's description and remediation) and the hosts it concerns. A fleet finding
(no bundle of its own) concerns the hosts it names."""
import json
import re
from pathlib import Path

from sosql.rules import checks
from sosql.rules.checks import SEVERITIES

NOT_EVALUATED_SQL = "SELECT rule_id, count(*) FROM rule_runs WHERE status = 'not_evaluated' GROUP BY rule_id"


def rule_texts(store):
    """{rule id: Rule} of the built-in rules and the folders the last check ran with."""
    folders = [d for d in (checks.last_run(store) or {}).get("folders", []) if Path(d).is_dir()]
    return {rule.id: rule for rule in checks.discover(folders)[0]}


def named_hosts(finding, hostnames):
    """The hostnames a fleet finding's evidence or details name, as whole words."""
    text = (finding["evidence"] or "") + " " + json.dumps(finding["details"], default=str)
    return {name for name in hostnames if re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", text)}


def by_rule(store, findings, hosts):
    """One dict per rule that fired: severity, title, description, remediation, the hosts
    (bundle ids counted, names listed), its fleet findings, and how many bundles it could not judge."""
    bundles_named = {}
    for host in hosts:
        bundles_named.setdefault(host["hostname"], set()).add(host["bundle_id"])
    label = {h["bundle_id"]: h["label"] for h in hosts}
    rules = {}
    for finding in findings:
        entry = rules.setdefault(finding["rule_id"], {"rule_id": finding["rule_id"], "severity": finding["severity"],
                                                      "title": finding["title"], "bundles": set(), "fleet": []})
        if finding["bundle_id"] is None:
            entry["fleet"].append(finding)
            for name in named_hosts(finding, [n for n in bundles_named if n]):
                entry["bundles"] |= bundles_named[name]
        else:
            entry["bundles"].add(finding["bundle_id"])
    texts, unjudged = rule_texts(store), dict(store.execute(NOT_EVALUATED_SQL).fetchall())
    for rule_id, entry in rules.items():
        rule = texts.get(rule_id)
        entry.update(description=rule.description if rule else "", remediation=rule.remediation if rule else "",
                     hosts=len(entry["bundles"]), not_evaluated=unjudged.get(rule_id, 0),
                     host_labels=sorted(label.get(b, b) for b in entry.pop("bundles")))
    return sorted(rules.values(), key=lambda r: (SEVERITIES.index(r["severity"]), -r["hosts"], r["rule_id"]))
