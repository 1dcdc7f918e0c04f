/*
title: glusterfs node on CentOS 7.4 with docker 17.x crashes (memory cgroup suspected)
severity: medium
description: In the field, glusterfs nodes on CentOS 7.4 kernels (3.10.0-693) with docker
  17.x and Kubernetes 1.9 crashed repeatedly; the memory cgroup handling of that
  combination was suspected. This rule flags nodes with that combination that also logged
  a kernel crash or panic.
remediation: Pin a docker release known good on this kernel (1.13.1 from the distribution,
  or 18.09+), or upgrade the kernel; keep glusterfs bricks off nodes running pods.
references: https://github.com/kubernetes/kubernetes/issues/61937
tags: containers, docker, kernel, storage
optional: packages, processes
*/
SELECT h.bundle_id, h.kernel_release, d.server_version,
       'kernel ' || h.kernel_release || ', docker ' || d.server_version || ', glusterfs present, and ' ||
       (SELECT count(*) FROM events e WHERE e.bundle_id = h.bundle_id
          AND e.kind IN ('kernel_panic', 'oops', 'skb_under_panic', 'hard_lockup')) || ' kernel crash events' AS evidence
FROM hosts h JOIN docker_info d USING (bundle_id)
WHERE h.kernel_release LIKE '3.10.0-693%' AND d.server_version LIKE '17.%'
  AND (EXISTS (SELECT 1 FROM packages p WHERE p.bundle_id = h.bundle_id AND p.name LIKE 'glusterfs%')
       OR EXISTS (SELECT 1 FROM processes p WHERE p.bundle_id = h.bundle_id AND p.program LIKE 'gluster%'))
  AND EXISTS (SELECT 1 FROM events e WHERE e.bundle_id = h.bundle_id
              AND e.kind IN ('kernel_panic', 'oops', 'skb_under_panic', 'hard_lockup'))
