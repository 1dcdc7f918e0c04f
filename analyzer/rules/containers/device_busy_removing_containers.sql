/*
title: "device or resource busy" removing containers on a 3.10 kernel (mount leaks)
severity: medium
description: On 3.10 kernels container mounts leak into other mount namespaces, so docker
  cannot remove a container's layer (`device or resource busy`); pods hang in Terminating
  and disk space is not freed.
remediation: Upgrade docker (17.06+ with MountFlags=slave removed) and the kernel; restart
  the process holding the mount (often ntpd or another daemon started after docker).
references: https://github.com/moby/moby/issues/34538
tags: containers, docker, kernel
*/
SELECT e.bundle_id, count(*) AS occurrences, min(h.kernel_release) AS kernel_release,
       first_lines(e.raw, e.ts, e.line_no, 3) AS evidence
FROM events e JOIN hosts h USING (bundle_id)
WHERE e.kind = 'device_busy' AND h.kernel_release LIKE '3.10.%'
GROUP BY e.bundle_id
