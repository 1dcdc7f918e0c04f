/*
title: Soft lockups: a CPU was stuck in kernel mode
severity: high
description: The kernel watchdog saw a CPU run kernel code without scheduling for
  longer than the threshold (20 s by default). Tasks on that CPU stall; under load,
  with transparent huge pages (khugepaged) or on a VM whose storage path hangs
  (iSCSI timeouts just before), the node can stop answering and be marked NotReady.
remediation: Look at the process named and the lines before the first lockup:
  storage errors point at the storage path, khugepaged at transparent huge pages
  (echo never > /sys/kernel/mm/transparent_hugepage/defrag), a hypervisor at host
  overcommit. Upgrade the kernel if the signature is a known bug of this build.
references: https://www.kernel.org/doc/html/latest/admin-guide/lockup-watchdogs.html
tags: kernel, lockup
*/
SELECT bundle_id,
       count(*) AS occurrences,
       max(seconds) AS max_seconds_stuck,
       string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       min(ts) AS first_seen,
       max(ts) AS last_seen,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events
WHERE kind = 'soft_lockup'
GROUP BY bundle_id
