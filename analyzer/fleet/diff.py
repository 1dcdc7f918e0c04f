"""What changed between two bundles: of one host over time, or of two hosts.

Each section is one SQL query over both bundles, returning only the differences:
kernel and host facts, packages, sysctls, iptables chains (rule counts and
policies), network links, and event kinds (counts).
"""
from sosql.errors import SosqlError

SECTIONS = {
    "host": """
        -- every fact as text, whatever its type, so that one UNPIVOT takes them all
        WITH a AS (UNPIVOT (SELECT COLUMNS(lambda c: c <> 'bundle_id')::VARCHAR FROM hosts WHERE bundle_id = $a)
                   ON COLUMNS(*) INTO NAME fact VALUE value),
             b AS (UNPIVOT (SELECT COLUMNS(lambda c: c <> 'bundle_id')::VARCHAR FROM hosts WHERE bundle_id = $b)
                   ON COLUMNS(*) INTO NAME fact VALUE value)
        SELECT fact, a.value AS a, b.value AS b FROM a FULL JOIN b USING (fact)
        WHERE a.value IS DISTINCT FROM b.value AND fact NOT IN ('uptime_s', 'boot_time') ORDER BY fact""",
    "packages": """
        WITH a AS (SELECT name, arch, string_agg(concat_ws('-', version, release), ', ') AS v FROM packages
                   WHERE bundle_id = $a GROUP BY ALL),
             b AS (SELECT name, arch, string_agg(concat_ws('-', version, release), ', ') AS v FROM packages
                   WHERE bundle_id = $b GROUP BY ALL)
        SELECT name, arch, a.v AS a, b.v AS b,
               CASE WHEN a.v IS NULL THEN 'added' WHEN b.v IS NULL THEN 'removed' ELSE 'changed' END AS change
        FROM a FULL JOIN b USING (name, arch) WHERE a.v IS DISTINCT FROM b.v ORDER BY change, name""",
    "sysctls": """
        -- a key may occur on several rows (rows of users' own, a listing collected twice):
        -- compare each key's values as one, so that repeats never multiply in the join
        SELECT name, a.value AS a, b.value AS b
        FROM (SELECT name, string_agg(value, chr(10) ORDER BY value) AS value FROM sysctls
              WHERE bundle_id = $a GROUP BY name) a
        FULL JOIN (SELECT name, string_agg(value, chr(10) ORDER BY value) AS value FROM sysctls
                   WHERE bundle_id = $b GROUP BY name) b USING (name)
        WHERE a.value IS DISTINCT FROM b.value
          AND name NOT SIMILAR TO '(kernel\\.random\\.|fs\\.dentry-state|fs\\.file-nr|fs\\.inode-|kernel\\.ns_last_pid|net\\.netfilter\\.nf_conntrack_count|kernel\\.hostname).*'
        ORDER BY name""",
    "iptables": """
        WITH a AS (SELECT family, "table", chain, any_value(policy) AS policy,
                          (SELECT count(*) FROM iptables_rules r WHERE r.bundle_id = $a AND r.family = c.family
                           AND r."table" = c."table" AND r.chain = c.chain) AS rules
                   FROM iptables_chains c WHERE bundle_id = $a GROUP BY ALL),
             b AS (SELECT family, "table", chain, any_value(policy) AS policy,
                          (SELECT count(*) FROM iptables_rules r WHERE r.bundle_id = $b AND r.family = c.family
                           AND r."table" = c."table" AND r.chain = c.chain) AS rules
                   FROM iptables_chains c WHERE bundle_id = $b GROUP BY ALL)
        SELECT family, "table", chain, a.rules AS a_rules, b.rules AS b_rules, a.policy AS a_policy, b.policy AS b_policy
        FROM a FULL JOIN b USING (family, "table", chain)
        WHERE a.rules IS DISTINCT FROM b.rules OR a.policy IS DISTINCT FROM b.policy ORDER BY ALL""",
    "links": """
        SELECT name, a.kind AS a_kind, b.kind AS b_kind, a.state AS a_state, b.state AS b_state,
               CASE WHEN a.name IS NULL THEN 'added' WHEN b.name IS NULL THEN 'removed' ELSE 'changed' END AS change
        FROM (SELECT * FROM links WHERE bundle_id = $a) a FULL JOIN (SELECT * FROM links WHERE bundle_id = $b) b
             USING (name)
        WHERE a.name IS NULL OR b.name IS NULL OR a.kind IS DISTINCT FROM b.kind OR a.master IS DISTINCT FROM b.master
           OR a.mtu IS DISTINCT FROM b.mtu
        ORDER BY change, name""",
    "events": """
        SELECT kind, count(*) FILTER (bundle_id = $a) AS a, count(*) FILTER (bundle_id = $b) AS b
        FROM events WHERE bundle_id IN ($a, $b) GROUP BY kind
        HAVING count(*) FILTER (bundle_id = $a) <> count(*) FILTER (bundle_id = $b) ORDER BY kind""",
}


def resolve(store, name):
    """A bundle id from a bundle id (or its start) or a hostname with one bundle."""
    rows = store.execute("SELECT bundle_id FROM hosts WHERE starts_with(bundle_id, ?) OR hostname = ?",
                         [name, name]).fetchall()
    if len(rows) != 1:
        raise SosqlError(f"{name!r} names {len(rows)} bundles; give a bundle id (sosql query "
                         f"\"SELECT bundle_id, hostname FROM hosts\")")
    return rows[0][0]


def compare(store, a, b):
    """{section: Arrow table of differences} between bundles named a and b."""
    ids = {"a": resolve(store, a), "b": resolve(store, b)}
    return {name: store.arrow(sql, ids) for name, sql in SECTIONS.items()}
