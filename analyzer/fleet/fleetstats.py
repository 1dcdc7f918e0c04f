"""Fleet statistics: which kernel builds (or distros, hypervisors, docker versions) have trouble.

Counts and Wilson intervals are SQL views in the store (`fleet_hosts`, `fleet_stats`),
so `sosql query` and any engine reading the file can use them. The exact tests
need a few lines of arithmetic that SQL lacks, so they are here:

- Fisher's exact test on hosts affected: this group against the rest of the fleet;
- an exact Poisson test on events per host-day (conditional binomial), with the rate ratio;
- every p-value of a grouping adjusted for the number of tests made (Benjamini-Hochberg: kinds of
  trouble x groups, plus the rate tests), as `q`: with many builds, some small p arise by chance.

Small groups get wide intervals and large p-values: a bare percentage is never shown alone.
Hosts whose group is unknown (no kernel release found) are listed apart and left out of
the tests, and a rate is compared only with at least MIN_HOST_DAYS of logs on each side.
A host loaded twice (the same hostname and collection time, e.g. an archive and its
extracted folder) counts once.
"""
import math

from sosql.store.views import TROUBLE  # noqa: F401 (the report lists the kinds of trouble)

GROUPINGS = {"kernel": "kernel_release", "distro": "distro", "hypervisor": "virtualization",
             "docker": "docker_version"}
Z = 1.959964  # 95%
MIN_HOST_DAYS = 1.0   # less exposure than this makes any rate ratio noise (0.29 host-days gave 135,480)
UNKNOWN = "unknown"
# What the statistics read besides the store's views (fleet_hosts is one): what an engine that
# runs them elsewhere needs of the store (spark.engine.SparkEngine.prepare).
READS = ("crashes", "hosts")


def wilson(x, n, z=Z):
    """95% Wilson score interval for x successes in n trials."""
    if n == 0:
        return None, None
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _log_choose(n, k):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(a, b, c, d):
    """Two-sided p of Fisher's exact test for [[a, b], [c, d]] (sum of tables as or less likely)."""
    row1, col1, n = a + b, a + c, a + b + c + d
    lo, hi = max(0, col1 - (c + d)), min(row1, col1)

    def prob(x):
        return math.exp(_log_choose(col1, x) + _log_choose(n - col1, row1 - x) - _log_choose(n, row1))
    observed = prob(a)
    return min(1.0, sum(p for p in map(prob, range(lo, hi + 1)) if p <= observed * (1 + 1e-9)))


def poisson_rate_test(events, exposure, other_events, other_exposure):
    """Rate ratio and two-sided exact p for two Poisson counts over exposures (conditional binomial)."""
    total = events + other_events
    if exposure < MIN_HOST_DAYS or other_exposure < MIN_HOST_DAYS:
        return None, None       # not computed: too little exposure on one side
    ratio = (events / exposure) / (other_events / other_exposure) if other_events else (math.inf if events else None)
    if total == 0:
        return ratio, 1.0
    share = exposure / (exposure + other_exposure)

    def prob(k):
        return math.exp(_log_choose(total, k) + k * math.log(share) + (total - k) * math.log1p(-share))
    observed = prob(events)
    return ratio, min(1.0, sum(p for p in map(prob, range(total + 1)) if p <= observed * (1 + 1e-9)))


def by_group(store, grouping="kernel"):
    """One dict per group (kernel build, ...): counts, incidence intervals, tests against the rest."""
    column = GROUPINGS[grouping]
    hosts = store.arrow(f"SELECT {column} AS grp, host_days, trouble_events, "
                        f"{', '.join(TROUBLE)} FROM fleet_hosts WHERE {column} <> '{UNKNOWN}' "
                        f"ORDER BY bundle_id").to_pylist()      # sums of floats: the same order, the same sum
    total_hosts, total_days = len(hosts), sum(h["host_days"] for h in hosts)
    total_events = sum(h["trouble_events"] for h in hosts)
    rows = []
    for group in sorted({h["grp"] for h in hosts}):
        mine = [h for h in hosts if h["grp"] == group]
        n, days, events = len(mine), sum(h["host_days"] for h in mine), sum(h["trouble_events"] for h in mine)
        row = {"group": group, "hosts": n, "host_days": round(days, 2), "events": events,
               "events_per_host_day": events / days if days else None}
        row["rate_ratio"], row["rate_p"] = poisson_rate_test(events, days, total_events - events, total_days - days)
        for kind in TROUBLE:
            x = sum(1 for h in mine if h[kind])
            rest = sum(1 for h in hosts if h[kind]) - x
            low, high = wilson(x, n)
            row[kind] = {"hosts": x, "share": x / n, "low": low, "high": high,
                         "p": fisher_exact(x, n - x, rest, total_hosts - n - rest) if total_hosts > n else 1.0}
        rows.append(row)
    _adjust(rows)
    return sorted(rows, key=lambda r: (-r["panic"]["hosts"] - r["soft_lockup"]["hosts"], r["group"]))


def benjamini_hochberg(p_values):
    """The Benjamini-Hochberg adjusted p-values (q), in the order given."""
    count = len(p_values)
    order = sorted(range(count), key=lambda i: p_values[i], reverse=True)
    adjusted, running = [0.0] * count, 1.0
    for rank_from_top, index in enumerate(order):
        rank = count - rank_from_top
        running = min(running, p_values[index] * count / rank)
        adjusted[index] = min(1.0, running)
    return adjusted


def _adjust(rows):
    """Set `q` beside each `p` (and `rate_q` beside `rate_p`): one family per grouping."""
    slots = [(row[kind], "p", "q") for row in rows for kind in TROUBLE]
    slots += [(row, "rate_p", "rate_q") for row in rows if row["rate_p"] is not None]
    for row in rows:
        row["rate_q"] = None
    for (holder, p, q), value in zip(slots, benjamini_hochberg([holder[p] for holder, p, _ in slots])):
        holder[q] = value
    return len(slots)


def unknown_hosts(store, grouping="kernel"):
    """Hosts whose group is unknown, shown apart: they are in no group and no test."""
    return store.arrow(f"SELECT bundle_id, coalesce(hostname, '(unknown host)') AS hostname, round(host_days, 2) "
                       f"AS host_days FROM fleet_hosts WHERE {GROUPINGS[grouping]} = '{UNKNOWN}' "
                       f"ORDER BY hostname, bundle_id").to_pylist()


def signature_matrix(store):
    """Crash signatures by kernel build: which bug shows on which build, on how many hosts."""
    return store.arrow("""
        SELECT c.signature, min(c.kind) AS kind, min(c.title) AS title,     -- min: the same on every engine
               coalesce(h.kernel_release, 'unknown') AS kernel_release, count(DISTINCT c.bundle_id) AS hosts,
               coalesce(string_agg(DISTINCT h.hostname, ', ' ORDER BY h.hostname), '') AS hostnames,
               coalesce(min(array_to_string(c.frames[1:3], ' < ')), '') AS frames
        FROM crashes c JOIN hosts h USING (bundle_id)
        GROUP BY ALL ORDER BY hosts DESC, kernel_release, c.signature""").to_pylist()
