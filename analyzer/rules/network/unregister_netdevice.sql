/*
title: unregister_netdevice hangs: a network device cannot be freed
severity: high
description: `unregister_netdevice: waiting for eth0 to become free. Usage count = 1`
  repeats when a container's network namespace is torn down while something still holds
  a reference; pod deletion hangs and docker/containerd stall (a known bug of older kernels).
remediation: Upgrade the kernel; as a stopgap reboot the node. Disabling IPv6 on the
  container interfaces avoided some variants.
references: https://github.com/moby/moby/issues/5618
tags: network, kernel, containers
*/
SELECT bundle_id, count(*) AS occurrences, string_agg(DISTINCT device, ', ' ORDER BY device) AS devices,
       first_lines(raw, ts, line_no, 3) AS evidence
FROM events WHERE kind = 'unregister_netdevice' GROUP BY bundle_id
