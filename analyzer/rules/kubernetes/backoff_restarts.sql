/*
title: Containers in back-off: restarted, failed, and waiting to restart again
severity: medium
description: `Back-off restarting failed container` means a container keeps exiting. Often
  the image has no long-running process (its command finishes), or it crashes on start.
remediation: Check the container's command and logs (kubectl logs --previous); give the
  image a foreground process.
references: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-policy
tags: kubernetes, kubelet
*/
SELECT bundle_id, occurrences, first_seen, last_seen, evidence
FROM event_counts WHERE kind = 'backoff_restart'
