/*
title: Liveness or readiness probes failing
severity: medium
description: kubelet's probes of containers on this node fail; failing liveness probes
  restart the container, failing readiness probes take it out of its services.
remediation: Find the pods named in the evidence; a probe failing on control-plane pods
  usually follows a slow etcd or API server (see etcd_slow_requests).
references: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
tags: kubernetes, kubelet
*/
SELECT bundle_id, count(*) AS failures, string_agg(DISTINCT detail, ', ' ORDER BY detail) AS probes,
       first_lines(raw, ts, line_no, 3) AS evidence
FROM events WHERE kind = 'probe_failure' GROUP BY bundle_id
