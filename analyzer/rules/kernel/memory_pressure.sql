/*
title: Memory pressure: tasks stall waiting for memory, or reclaim it themselves
severity: medium
description: The kernel's pressure stall information says tasks spent a real share of the
  last 10 or 60 seconds waiting for memory (PSI memory 'some' avg10 of 20% or more or avg60 of
  10% or more; 'full', every task stalled, avg10 10% or avg60 5%), or the sar history shows
  direct reclaim (pgscand/s of 100 pages or more in at least three samples): kswapd could not
  keep up and allocating processes scanned for free pages themselves. Both come before the OOM
  killer: latency grows, kubelet's eviction and the runtime's health checks time out, page
  cache is thrown away and read back. PSI is read when the bundle has /proc/pressure (kernel
  4.20+); without it the rule is not evaluated even if the sar history was clean.
remediation: Find what grows (ps by RSS, slabtop, the cgroups' memory.current or
  memory.usage_in_bytes), give the node more memory or its pods lower limits, set kubelet's
  eviction thresholds (evictionHard memory.available) and system-reserved so that eviction
  comes before the stalls, and raise vm.min_free_kbytes on large machines where kswapd wakes
  too late.
references: https://docs.kernel.org/accounting/psi.html,
  https://facebookmicrosites.github.io/psi/docs/overview,
  https://man7.org/linux/man-pages/man1/sar.1.html
tags: kernel, memory, kubernetes
optional: sar
*/
WITH psi AS (
    SELECT bundle_id, printf('PSI memory %s: avg10=%.2f%% avg60=%.2f%% avg300=%.2f%% (/proc/pressure/memory)',
                             scope, avg10, avg60, avg300) AS line
    FROM pressure
    WHERE resource = 'memory'
      AND ((scope = 'some' AND (avg10 >= 20 OR avg60 >= 10)) OR (scope = 'full' AND (avg10 >= 10 OR avg60 >= 5)))
), reclaim AS (
    SELECT bundle_id, count(*) AS samples, max(value) AS peak, min(ts) AS first_ts, max(ts) AS last_ts
    FROM sar
    WHERE section = 'paging' AND name = 'pgscand/s' AND value >= 100
    GROUP BY bundle_id HAVING count(*) >= 3
), lines AS (
    SELECT bundle_id, line FROM psi
    UNION ALL
    SELECT bundle_id, printf('sar: direct reclaim (pgscand/s >= 100) in %d samples from %s to %s, up to %.0f pages/s',
                             samples, CAST(first_ts AS VARCHAR), CAST(last_ts AS VARCHAR), peak)
    FROM reclaim
)
SELECT bundle_id, string_agg(line, chr(10) ORDER BY line) AS evidence
FROM lines
GROUP BY bundle_id
