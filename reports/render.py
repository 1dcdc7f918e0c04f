"""The HTML report: one self-contained file (inline CSS, no external fetch).

Templates are Jinja2 with autoescaping on, so nothing from a bundle can inject
markup. Users can override any template by passing a folder holding a file of
the same name (`sosql report --templates DIR`).
"""
import json
from datetime import datetime, timezone
from pathlib import Path

import jinja2

from analyzer.checks import SEVERITIES

TEMPLATES = Path(__file__).with_name("templates")

HOSTS_SQL = """
SELECT h.bundle_id, h.hostname, h.kernel_release, h.distro, h.arch, h.virtualization,
       h.boot_time, b.collected_at, b.format, b.format_version, b.path
FROM hosts h JOIN bundles b USING (bundle_id)
ORDER BY h.hostname, b.collected_at
"""
FINDINGS_SQL = """
SELECT bundle_id, rule_id, severity, title, evidence, CAST(details AS VARCHAR) AS details
FROM findings
ORDER BY list_position(?, severity), rule_id
"""
KERNELS_SQL = """
WITH host_kinds AS (
    SELECT h.kernel_release, h.bundle_id,
           bool_or(e.kind IN ('kernel_panic', 'skb_under_panic', 'skb_over_panic')) AS panic,
           bool_or(e.kind = 'soft_lockup') AS soft_lockup,
           bool_or(e.kind = 'hard_lockup') AS hard_lockup,
           bool_or(e.kind = 'hung_task') AS hung_task,
           bool_or(e.kind = 'oom_kill') AS oom_kill
    FROM hosts h LEFT JOIN events e USING (bundle_id)
    GROUP BY ALL
)
SELECT coalesce(kernel_release, 'unknown') AS kernel_release, count(*) AS hosts,
       count(*) FILTER (panic) AS panic, count(*) FILTER (soft_lockup) AS soft_lockup,
       count(*) FILTER (hard_lockup) AS hard_lockup, count(*) FILTER (hung_task) AS hung_task,
       count(*) FILTER (oom_kill) AS oom_kill
FROM host_kinds GROUP BY ALL ORDER BY panic DESC, soft_lockup DESC, kernel_release
"""
ERRORS_SQL = "SELECT path, member, error FROM load_errors ORDER BY occurred_at, path"


def _records(store, sql, params=None):
    return store.arrow(sql, params).to_pylist()


def context(store):
    """Everything the templates show, from SQL over the store."""
    findings = _records(store, FINDINGS_SQL, [list(SEVERITIES)])
    for finding in findings:
        finding["details"] = json.loads(finding["details"] or "{}")
    hosts = _records(store, HOSTS_SQL)
    by_bundle = {}
    for finding in findings:
        by_bundle.setdefault(finding["bundle_id"], []).append(finding)
    for host in hosts:
        host["findings"] = by_bundle.get(host["bundle_id"], [])
        host["worst"] = host["findings"][0]["severity"] if host["findings"] else None
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
    return {
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "hosts": hosts,
        "fleet_findings": by_bundle.get(None, []),
        "severity_counts": counts,
        "finding_total": len(findings),
        "hosts_with_findings": sum(1 for h in hosts if h["findings"]),
        "kernels": _records(store, KERNELS_SQL),
        "load_errors": _records(store, ERRORS_SQL),
        "severities": SEVERITIES,
    }


def environment(template_dir=None):
    loaders = [jinja2.FileSystemLoader(str(template_dir))] if template_dir else []
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def render(store, out, template_dir=None):
    """Write the report to `out`; return the context it showed (for summaries and tests)."""
    data = context(store)
    html = environment(template_dir).get_template("report.html.j2").render(**data)
    Path(out).write_text(html, encoding="utf-8")
    return data
