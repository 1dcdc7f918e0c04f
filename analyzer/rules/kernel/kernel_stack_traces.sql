/*
title: Kernel stack traces with no crash header (dump_stack from a driver or module)
severity: medium
description: A `Call Trace:` after a `CPU: N PID: N Comm: ...` line, with no BUG, WARNING,
  lockup or hung task header of its own: a driver, a module being loaded (insmod) or a kernel
  debug check dumped its stack because something unexpected happened. The kernel goes on, but
  the frames say which code path complained; repeated traces point at a driver or module bug.
remediation: Read the lines before the trace (the driver's own message) and the frames;
  update or remove the module named (out-of-tree and tainting modules first) and report it
  upstream or to its vendor with the trace.
references: https://www.kernel.org/doc/html/latest/admin-guide/bug-hunting.html
tags: kernel, crash
*/
SELECT bundle_id, count(*) AS traces, string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       string_agg(DISTINCT signature, ', ' ORDER BY signature) AS signatures,
       string_agg(DISTINCT trace, chr(10) ORDER BY trace) AS evidence
FROM (SELECT *, title || CASE WHEN array_length(frames) > 0 THEN ' <- ' || array_to_string(frames[1:3], ' <- ')
                              ELSE '' END AS trace
      FROM crashes WHERE kind = 'call_trace') AS c
GROUP BY bundle_id
