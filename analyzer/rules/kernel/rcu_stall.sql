/*
title: RCU stalls: a CPU did not pass through a quiescent state
severity: high
description: The RCU subsystem waited too long for a CPU; causes are the same family as
  soft lockups (a CPU looping in the kernel, a starved vCPU) and the node is sluggish or hangs.
remediation: Check the crash report's trace and the hypervisor; upgrade the kernel if the
  signature is a known bug of the build.
references: https://www.kernel.org/doc/Documentation/RCU/stallwarn.txt
tags: kernel, lockup
*/
SELECT bundle_id, count(*) AS occurrences, array_to_string(list(raw ORDER BY ts, line_no)[1:5], chr(10)) AS evidence
FROM events WHERE kind = 'rcu_stall' GROUP BY bundle_id
