/*
title: Out-of-memory kills
severity: high
description: The kernel killed processes to free memory, either node-wide or inside a
  memory cgroup (a container over its limit). Pods restart with reason OOMKilled; pods
  using more than about 80% of their limit are the next candidates.
remediation: Raise the memory limit of the containers named, or lower their usage; set
  requests so the scheduler does not overcommit the node; check the node's kubelet
  eviction thresholds.
references: https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/
tags: kernel, memory, kubernetes
*/
SELECT bundle_id, count(*) AS kills, string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'oom_kill' GROUP BY bundle_id
