/*
title: Hard lockup: a CPU stopped taking interrupts
severity: critical
description: The NMI watchdog saw a CPU with interrupts disabled for longer than the
  threshold (10 s by default). The node usually hangs or panics; on VMs it often means the
  hypervisor stopped scheduling the vCPU.
remediation: Read the crash report's call trace (crashes table). On VMs check host
  overcommit and steal time; on bare metal firmware and hardware (MCE events).
references: https://www.kernel.org/doc/html/latest/admin-guide/lockup-watchdogs.html
tags: kernel, lockup
*/
SELECT bundle_id, count(*) AS occurrences,
       string_agg(DISTINCT CAST(cpu AS VARCHAR), ', ' ORDER BY CAST(cpu AS VARCHAR)) AS cpus,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'hard_lockup' GROUP BY bundle_id
