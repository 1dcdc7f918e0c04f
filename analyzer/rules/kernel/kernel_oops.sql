/*
title: Kernel oops or BUG: the kernel hit a bug and killed the task in it
severity: high
description: A NULL pointer dereference, general protection fault, invalid opcode or
  `kernel BUG at` in kernel code. The task dies; the kernel is now tainted and may be
  unstable, and with panic_on_oops the node reboots.
remediation: Read the crash report (crashes table: frames and signature). The same
  signature on several hosts of one kernel build points at a kernel bug: upgrade.
references: https://www.kernel.org/doc/html/latest/admin-guide/bug-hunting.html
tags: kernel, crash
*/
SELECT bundle_id, count(*) AS reports, string_agg(DISTINCT signature, ', ' ORDER BY signature) AS signatures,
       string_agg(DISTINCT title, chr(10) ORDER BY title) AS evidence
FROM crashes WHERE kind = 'oops' AND title NOT LIKE '%skb_%_panic%' GROUP BY bundle_id
