"""What the report templates show, gathered with SQL: one function per view."""
import json
from datetime import datetime, timezone

from sosql.errors import SosqlError
from sosql.fleet import fleetstats, summary, summary_text
from sosql.reports import actions
from sosql.rules.checks import SEVERITIES

EVIDENCE_LINES = 12          # a finding's evidence shown in full up to this many lines
KEY_SYSCTLS = ("net.bridge.bridge-nf-call-iptables", "net.bridge.bridge-nf-call-ip6tables", "net.ipv4.ip_forward",
               "fs.inotify.max_user_watches", "net.netfilter.nf_conntrack_max", "kernel.panic",
               "kernel.softlockup_panic", "vm.swappiness")

HOSTS_SQL = """
SELECT h.bundle_id, h.hostname, h.kernel_release, h.distro, h.arch, h.virtualization, h.boot_time,
       h.taint_flags, h.timezone, h.clock_synchronized, h.nameservers, h.system_vendor, h.system_product,
       h.bios_version, b.collected_at, b.format, b.format_version, b.path, b.ts_year_inferred, b.ts_year_basis
FROM hosts h JOIN bundles b USING (bundle_id)
WHERE $host IS NULL OR h.hostname = $host OR starts_with(h.bundle_id, $host)
ORDER BY h.hostname, b.collected_at
"""
FINDINGS_SQL = """
SELECT bundle_id, rule_id, severity, title, evidence, CAST(details AS VARCHAR) AS details
FROM findings ORDER BY list_position($severities, severity), rule_id
"""
RUN_STATUSES = ("fired", "passed", "not_evaluated", "error")
ERRORS_SQL = "SELECT path, member, error FROM load_errors ORDER BY occurred_at, path"


def _rows(store, sql, params=None):
    return store.arrow(sql, params).to_pylist()


def _findings(store):
    findings = _rows(store, FINDINGS_SQL, {"severities": list(SEVERITIES)})
    for finding in findings:
        finding["details"] = json.loads(finding["details"] or "{}")
        lines = (finding["evidence"] or "").splitlines()
        finding["evidence_more"] = max(0, len(lines) - EVIDENCE_LINES)
        finding["evidence"] = "\n".join(lines[:EVIDENCE_LINES])
    by_bundle = {}
    for finding in findings:
        by_bundle.setdefault(finding["bundle_id"], []).append(finding)
    return findings, by_bundle


def _common(findings):
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
    return {"generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "severities": SEVERITIES,
            "severity_counts": counts, "finding_total": len(findings)}


def fleet(store, stats=None):
    """The fleet report's data; `stats` computes the fleet statistics when not the store's
    DuckDB (a spark.engine.SparkEngine)."""
    stats = stats or store
    findings, by_bundle = _findings(store)
    hosts = _rows(store, HOSTS_SQL, {"host": None})
    for host in hosts:
        host["findings"] = by_bundle.get(host["bundle_id"], [])
        host["worst"] = host["findings"][0]["severity"] if host["findings"] else None
    _label(hosts)
    kernels = fleetstats.by_group(stats, "kernel")
    return dict(_common(findings), view="fleet", hosts=hosts, fleet_findings=by_bundle.get(None, []),
                hosts_with_findings=sum(1 for h in hosts if h["findings"]),
                kernels=kernels, troubles=list(fleetstats.TROUBLE),
                audit_tests=len(kernels) * len(fleetstats.TROUBLE) + sum(k["rate_p"] is not None for k in kernels),
                unknown_kernel=fleetstats.unknown_hosts(stats, "kernel"), min_host_days=fleetstats.MIN_HOST_DAYS,
                signatures=fleetstats.signature_matrix(stats),
                rules=actions.by_rule(store, findings, hosts),
                load_errors=_rows(store, ERRORS_SQL))


def _label(hosts):
    """Each host row's name; a hostname that several bundles share gets its bundle's collection time
    and id, so that two rows never read the same."""
    names = [h["hostname"] or "(unknown)" for h in hosts]
    for host, name in zip(hosts, names):
        host["label"] = name
        if names.count(name) > 1:
            host["label"] += f" ({host['collected_at'] or 'collected ?'}, bundle {host['bundle_id'][:8]})"


def host(store, name):
    hosts = _rows(store, HOSTS_SQL, {"host": name})
    if not hosts:
        raise SosqlError(f"no host or bundle {name!r} in the store")
    if len(hosts) > 1:
        raise SosqlError(f"{name!r} names {len(hosts)} bundles; give a bundle id: "
                         + ", ".join(h["bundle_id"] for h in hosts))
    this = hosts[0]
    bundle = {"bundle_id": this["bundle_id"]}
    findings, by_bundle = _findings(store)
    mine = by_bundle.get(this["bundle_id"], [])
    texts = actions.rule_texts(store)
    for finding in mine:     # the host page says what to do under each finding
        rule = texts.get(finding["rule_id"])
        finding["remediation"] = rule.remediation if rule else None
    events = _rows(store, """SELECT ts, uptime_s, kind, severity, source, message FROM events
                            WHERE bundle_id = $bundle_id ORDER BY ts NULLS LAST, uptime_s""", bundle)
    return dict(_common(mine), view="host", host=this, findings=mine, events=events,
                summary=summary_text.sections(summary.summarize(store, this["bundle_id"])),
                timeline=_timeline_points(events),
                crashes=_rows(store, """SELECT kind, title, ts, process, pid, cpu, tainted, signature,
                                               array_to_string(frames[1:6], ' < ') AS frames, raw
                                        FROM crashes WHERE bundle_id = $bundle_id ORDER BY ts""", bundle),
                docker=_rows(store, "SELECT * FROM docker_info WHERE bundle_id = $bundle_id", bundle),
                plugins=_rows(store, """SELECT name, kind, master, mtu, state FROM links WHERE bundle_id = $bundle_id
                                        AND (kind IN ('bridge', 'vxlan', 'ipip') OR name IN ('flannel.1', 'cni0',
                                        'kube-bridge', 'tunl0', 'docker0')) ORDER BY name""", bundle),
                sysctls=_rows(store, """SELECT name, value FROM sysctls WHERE bundle_id = $bundle_id
                                        AND list_contains($names, name) ORDER BY name""",
                              dict(bundle, names=list(KEY_SYSCTLS))),
                sources=_rows(store, """SELECT status, count(DISTINCT source) AS n,
                                               string_agg(DISTINCT source, ', ' ORDER BY source) AS names
                                        FROM sources WHERE bundle_id = $bundle_id GROUP BY status
                                        ORDER BY list_position(['error', 'truncated', 'missing', 'parsed'], status)""",
                              bundle),
                runs=_runs(store, bundle))


def _runs(store, bundle):
    """How the rules went for the bundle: a count for every status (zeros too), and which rules
    could not be judged and why."""
    rows = _rows(store, """SELECT rule_id, status, message FROM rule_runs WHERE bundle_id = $bundle_id
                           ORDER BY rule_id""", bundle)
    return {"counts": {s: sum(r["status"] == s for r in rows) for s in RUN_STATUSES},
            "not_evaluated": [r for r in rows if r["status"] == "not_evaluated"], "checked": bool(rows)}


def _timeline_points(events):
    """Events with absolute times placed on a 0..1 axis, for the timeline chart."""
    dated = [e for e in events if e["ts"] is not None]
    if not dated:
        return {"points": [], "start": None, "end": None}
    start, end = dated[0]["ts"], dated[-1]["ts"]
    span = max((end - start).total_seconds(), 1)
    kinds = sorted({e["kind"] for e in dated})
    points = [{"x": (e["ts"] - start).total_seconds() / span, "row": kinds.index(e["kind"]),
               "kind": e["kind"], "severity": e["severity"], "ts": e["ts"], "message": e["message"]} for e in dated]
    return {"points": points, "kinds": kinds, "start": start, "end": end}
