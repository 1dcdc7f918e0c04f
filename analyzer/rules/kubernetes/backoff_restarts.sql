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
SELECT bundle_id, count(*) AS occurrences, array_to_string(list(raw ORDER BY ts, line_no)[1:3], chr(10)) AS evidence
FROM events WHERE kind = 'backoff_restart' GROUP BY bundle_id
