/*
title: kubelet, container runtime or etcd unit failed
severity: high
description: systemd reports the unit of kubelet, docker, containerd, CRI-O or etcd as failed:
  it exited with an error or crashed and systemd gave up restarting it. Without kubelet the
  node goes NotReady and its pods are evicted after the grace period; without the runtime no
  container starts or is probed; without etcd a control-plane member is lost (and with it
  quorum if another one is down).
remediation: Read the unit's own log (journalctl -u kubelet -b) for why it exited: swap on
  with failSwapOn, a cgroup driver that differs from the runtime's, an expired certificate, a
  full disk, a bad flag; fix that and systemctl restart it.
references: https://kubernetes.io/docs/tasks/debug/debug-cluster/#looking-at-logs,
  https://www.freedesktop.org/software/systemd/man/systemctl.html#list-units%20PATTERN%E2%80%A6
tags: kubernetes, containers, etcd, services
*/
SELECT bundle_id, string_agg(unit, ', ' ORDER BY unit) AS units,
       string_agg(printf('%s: %s/%s (%s)', unit, active, sub, description), chr(10) ORDER BY unit) AS evidence
FROM units
WHERE active = 'failed'
  AND regexp_matches(unit, '^(snap\.)?(kubelet|docker|containerd|crio|cri-o|etcd)(\.daemon)?\.service$')
GROUP BY bundle_id
