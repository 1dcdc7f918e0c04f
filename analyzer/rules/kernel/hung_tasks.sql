/*
title: Hung tasks: processes blocked in the kernel for minutes
severity: high
description: `INFO: task ... blocked for more than 120 seconds` means a task sat in
  uninterruptible sleep, nearly always waiting for I/O (disk, NFS, iSCSI) or a lock held
  by such a task. Pods on the node stall; kubelet may stop reporting.
remediation: Look at the blocked processes and the storage events around them (timeline):
  slow or failed disks, NFS servers not responding, iSCSI errors.
references: https://www.kernel.org/doc/Documentation/sysctl/kernel.txt
tags: kernel, hang, storage
*/
SELECT bundle_id, count(*) AS occurrences, max(seconds) AS max_seconds_blocked,
       string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'hung_task' GROUP BY bundle_id
