"""The SQL every store connection has beyond its tables: views and macros that rules, reports
and users' own queries call by name (docs/tables.md lists the views).

- TIME_MACROS: temporary macros a scratch (a load's connection) uses to date classic syslog lines
  (derive/timestamps.py fills the times with them);
- EVENT_MACROS: `events_near(first_kind, then_kind, seconds)`, a table macro giving each pair of
  events where `then_kind` follows `first_kind` on the same host within `seconds`
  (fleet/timeline.py);
- RULE_SQL: `first_lines(raw, ts, line_no, n)`, a finding's evidence, and the view `event_counts`
  (per bundle and kind of event), for the patterns most rules share;
- FLEET_VIEWS: `fleet_hosts` and `fleet_stats`, counts and Wilson intervals per kernel build, with
  the macros `wilson_low` and `wilson_high` (fleet/fleetstats.py adds the exact tests).
"""

TIME_MACROS = (
    # The stamp read in year y (NULL on Feb 29 of a common year). A macro's argument is pasted
    # in wherever it is named, and DuckDB plans each copy: the raw stamp is parsed once here,
    # where taking the parts of a stamp parsed in 2000 apart parsed it five times (planning a
    # log's statement took twice as long, more than running it on a small log).
    "CREATE OR REPLACE TEMP MACRO sosql_in_year(raw, y) AS "
    "try_strptime(CAST(y AS VARCHAR) || ' ' || raw, '%Y %b %d %H:%M:%S')",
    "CREATE OR REPLACE TEMP MACRO sosql_t0(raw) AS sosql_in_year(raw, 2000)",
    # Feb 29 exists in some years only: try the years one by one (slow, and rare).
    "CREATE OR REPLACE TEMP MACRO sosql_leap_day_ts(raw, collected) AS "
    "CASE WHEN sosql_in_year(raw, year(collected)) IS NULL "
    "       OR sosql_in_year(raw, year(collected)) > collected + INTERVAL 1 DAY "
    "     THEN sosql_in_year(raw, year(collected) - 1) "
    "     ELSE sosql_in_year(raw, year(collected)) END",
    # Any other day: shift the stamp parsed in 2000 by whole years (vectorized arithmetic).
    "CREATE OR REPLACE TEMP MACRO sosql_syslog_ts(raw, collected) AS CASE "
    "  WHEN raw LIKE 'Feb 29%' THEN sosql_leap_day_ts(raw, collected) "
    "  WHEN sosql_t0(raw) + to_years(year(collected) - 2000) > collected + INTERVAL 1 DAY "
    "  THEN sosql_t0(raw) + to_years(year(collected) - 2001) "
    "  ELSE sosql_t0(raw) + to_years(year(collected) - 2000) END",
    # Each shape of stamp goes to its own conversion (a CASE, so that no line pays for the
    # others' parsing): ISO starts with a digit, dmesg -T's is longer than classic's.
    r"""CREATE OR REPLACE TEMP MACRO sosql_ts(ts_raw, uptime_s, collected, boot) AS coalesce(CASE
        WHEN ts_raw IS NULL THEN NULL
        WHEN ts_raw < 'A' THEN try_cast(replace(regexp_extract(ts_raw, '^\d{4}-\d\d-\d\dT[\d:.]+'), 'T', ' ')
                                        AS TIMESTAMP)
        WHEN length(ts_raw) > 15 THEN try_strptime(ts_raw, '%a %b %d %H:%M:%S %Y')
        ELSE sosql_syslog_ts(ts_raw, collected) END,
    boot + to_microseconds(CAST(uptime_s * 1000000 AS BIGINT)))""",
)

EVENT_MACROS = ("""
CREATE OR REPLACE MACRO events_near(first_kind, then_kind, seconds) AS TABLE
SELECT a.bundle_id, a.ts AS first_ts, b.ts AS then_ts, epoch(b.ts) - epoch(a.ts) AS seconds_between,
       a.message AS first_message, b.message AS then_message, a.raw AS first_raw, b.raw AS then_raw
FROM events a JOIN events b ON a.bundle_id = b.bundle_id
WHERE a.kind = first_kind AND b.kind = then_kind
  AND b.ts BETWEEN a.ts AND a.ts + to_seconds(CAST(seconds AS DOUBLE))
""",)

TROUBLE = {   # column -> event kinds that count as that trouble
    "panic": ("kernel_panic", "skb_under_panic", "skb_over_panic"),
    "soft_lockup": ("soft_lockup",),
    "hard_lockup": ("hard_lockup",),
    "hung_task": ("hung_task",),
    "oom": ("oom_kill",),
}

# The same collection of the same host loaded from two places: number the copies.
_SAME_HOST_AGAIN = """SELECT h2.bundle_id, row_number() OVER (PARTITION BY h2.hostname, b.collected_at
                                                            ORDER BY h2.bundle_id) AS copy
                      FROM hosts h2 JOIN bundles b USING (bundle_id)
                      WHERE h2.hostname IS NOT NULL AND b.collected_at IS NOT NULL"""


def _flags():
    return ",\n".join(f"bool_or(e.kind IN ({', '.join(repr(k) for k in kinds)})) AS {name}"
                      for name, kinds in TROUBLE.items())


VIEW_DOCS = {
    "fleet_hosts": "Per host: kernel, distro, hypervisor, docker version, host-days of logs, trouble flags "
                   "(a host loaded twice counts once).",
    "fleet_stats": "Per kernel build: hosts, hosts with each trouble, and 95% Wilson intervals (wilson_low, "
                   "wilson_high).",
}
FLEET_VIEWS = (
    f"""CREATE OR REPLACE VIEW fleet_hosts AS
    SELECT h.bundle_id, h.hostname, coalesce(h.kernel_release, 'unknown') AS kernel_release,
           coalesce(h.distro, 'unknown') AS distro, coalesce(h.virtualization, 'unknown') AS virtualization,
           coalesce((SELECT any_value(server_version) FROM docker_info d WHERE d.bundle_id = h.bundle_id), 'none')
             AS docker_version,
           greatest(1.0 / 24, coalesce((SELECT (epoch(max(ts)) - epoch(min(ts))) / 86400 FROM log_lines l
                                        WHERE l.bundle_id = h.bundle_id AND ts IS NOT NULL), 0)) AS host_days,
           (SELECT count(*) FROM events e2 WHERE e2.bundle_id = h.bundle_id
              AND e2.kind IN ({', '.join(repr(k) for kinds in TROUBLE.values() for k in kinds)})) AS trouble_events,
           {_flags().replace(chr(10), ' ')}
    FROM hosts h LEFT JOIN events e USING (bundle_id)
    WHERE h.bundle_id NOT IN (SELECT bundle_id FROM ({_SAME_HOST_AGAIN}) WHERE copy > 1)
    GROUP BY ALL""",
    """CREATE OR REPLACE MACRO wilson_low(x, n) AS
    CASE WHEN n = 0 THEN NULL ELSE greatest(0, ((x / n) + 1.959964 ^ 2 / (2 * n)
         - 1.959964 * sqrt((x / n) * (1 - x / n) / n + 1.959964 ^ 2 / (4 * n * n))) / (1 + 1.959964 ^ 2 / n)) END""",
    """CREATE OR REPLACE MACRO wilson_high(x, n) AS
    CASE WHEN n = 0 THEN NULL ELSE least(1, ((x / n) + 1.959964 ^ 2 / (2 * n)
         + 1.959964 * sqrt((x / n) * (1 - x / n) / n + 1.959964 ^ 2 / (4 * n * n))) / (1 + 1.959964 ^ 2 / n)) END""",
    f"""CREATE OR REPLACE VIEW fleet_stats AS
    SELECT kernel_release, count(*) AS hosts, round(sum(host_days), 2) AS host_days,
           sum(trouble_events) AS trouble_events,
           round(sum(trouble_events) / sum(host_days), 4) AS events_per_host_day,
           {", ".join(f"count(*) FILTER ({k}) AS hosts_{k}, wilson_low(count(*) FILTER ({k}), count(*)) AS {k}_low, "
                      f"wilson_high(count(*) FILTER ({k}), count(*)) AS {k}_high" for k in TROUBLE)}
    FROM fleet_hosts GROUP BY kernel_release""",
)

# Helpers for rules: the patterns most of them share.
RULE_SQL = (
    # The first n lines in log order (time, then place in the file), one per line: a finding's evidence.
    """CREATE OR REPLACE MACRO first_lines(raw, ts, line_no, n) AS
    array_to_string(list(raw ORDER BY ts, line_no)[1:n], chr(10))""",
    """CREATE OR REPLACE VIEW event_counts AS
    SELECT bundle_id, kind, count(*) AS occurrences, min(ts) AS first_seen, max(ts) AS last_seen,
           first_lines(raw, ts, line_no, 5) AS evidence
    FROM events GROUP BY bundle_id, kind""",
)
VIEW_DOCS["event_counts"] = ("Per bundle and event kind: occurrences, first and last time, and the first five lines "
                             "(evidence), for rules that count events of a kind.")

# What a store (and a scratch) creates once the tables exist; they read log_lines, so after its view.
STORE_SQL = (*EVENT_MACROS, *RULE_SQL, *FLEET_VIEWS)
