/*
title: Kernel memory accounting leak (kmem) on a 3.10 kernel: cgroups cannot be created
severity: high
description: RHEL/CentOS 7 3.10 kernels with kernel memory accounting enabled by runc
  (Kubernetes 1.9+, docker 17+) leak slab caches per memory cgroup; after a while
  `SLUB: Unable to allocate memory on node -1` appears and creating a pod's cgroup fails
  with `mkdir ...: no space left on device`, though memory and disk are free.
remediation: Boot with cgroup.memory=nokmem, or build kubelet/runc without kmem accounting,
  or move to a kernel where it is fixed (3.10.0-1062+ / 4.x); reboot affected nodes.
references: https://github.com/kubernetes/kubernetes/issues/61937
tags: kernel, memory, cgroup, kubernetes
*/
SELECT e.bundle_id, count(*) AS occurrences, string_agg(DISTINCT e.kind, ', ' ORDER BY e.kind) AS kinds,
       min(h.kernel_release) AS kernel_release,
       first_lines(e.raw, e.ts, e.line_no, 5) AS evidence
FROM events e JOIN hosts h USING (bundle_id)
WHERE e.kind IN ('slub_alloc_failure', 'cgroup_no_space') AND h.kernel_release LIKE '3.10.%'
GROUP BY e.bundle_id
