/*
title: The same crash on several nodes of one kernel build
severity: critical
description: One crash signature (the same call trace, normalized) appears on two or more
  nodes running the same kernel build: a bug of that build rather than of one machine.
remediation: Upgrade those nodes to another build; the fleet report compares incidence by
  kernel build.
references: https://bugs.centos.org/view.php?id=12636
tags: kernel, crash, fleet
scope: fleet
*/
SELECT NULL AS bundle_id, h.kernel_release, c.signature, min(c.kind) AS kind,
       count(DISTINCT c.bundle_id) AS hosts,
       string_agg(DISTINCT h.hostname, ', ' ORDER BY h.hostname) AS hostnames,
       min(c.title) || ' on ' || count(DISTINCT c.bundle_id) || ' nodes of ' || h.kernel_release
         || ' (' || string_agg(DISTINCT h.hostname, ', ' ORDER BY h.hostname) || ')' AS evidence
FROM crashes c JOIN hosts h USING (bundle_id)
-- a task waiting (on a disk, a fanotify listener) names what it waited on, not a bug; a bare
-- stack dump is a driver or module calling dump_stack() (on every boot, some do): no crash
WHERE c.kind NOT IN ('hung_task', 'call_trace')
GROUP BY h.kernel_release, c.signature HAVING count(DISTINCT c.bundle_id) >= 2
