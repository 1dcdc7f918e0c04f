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
SELECT bundle_id, occurrences, first_seen, last_seen, evidence
FROM event_counts WHERE kind = 'rcu_stall'
