/*
title: Kernel panic: the node crashed and rebooted
severity: critical
description: The kernel hit an error it could not recover from and stopped
  (`Kernel panic - not syncing`, or an skb_under_panic/skb_over_panic, which
  always ends in one). Everything on the node restarted; kubelet state and running
  pods were lost. Panics that repeat on several nodes of one kernel build point
  at a kernel bug, such as skb_under_panic on 3.10.0-229.7.2.el7 with kube-router.
remediation: Read the panic reason and the call trace before it. If other nodes of
  the same kernel build panic the same way, upgrade the kernel (the fleet report
  shows panics per build). Configure kdump so the next one leaves a vmcore.
references: https://bugs.centos.org/view.php?id=12636
  https://access.redhat.com/solutions/6038
tags: kernel, panic, crash
*/
SELECT bundle_id,
       count(*) FILTER (kind = 'kernel_panic') AS panics,
       string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds,
       string_agg(DISTINCT detail, '; ' ORDER BY detail) FILTER (kind = 'kernel_panic') AS reasons,
       min(ts) AS first_seen,
       max(ts) AS last_seen,
       first_lines(raw, ts, line_no, 6) AS evidence
FROM events
WHERE kind IN ('kernel_panic', 'skb_under_panic', 'skb_over_panic')
GROUP BY bundle_id
