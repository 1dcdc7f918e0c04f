/*
title: --node-monitor-grace-period below the 40s default: nodes flap NotReady under load
severity: medium
description: kube-controller-manager marks a node NotReady when its kubelet has not
  reported for this long. Set shorter than the default 40s, a busy node or a slow API
  server flips nodes NotReady and back: pods are evicted and rescheduled, pod counts jump
  and services drop endpoints.
remediation: Raise --node-monitor-grace-period to 40s or more (and keep it several times
  kubelet's --node-status-update-frequency).
references: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
tags: kubernetes, control-plane
*/
WITH flag AS (
    SELECT bundle_id, command,
           regexp_extract(command, '--node-monitor-grace-period[= ]([0-9hms.]+)', 1) AS value
    FROM processes WHERE program = 'kube-controller-manager' OR command LIKE '%kube-controller-manager %'
), seconds AS (
    SELECT *, coalesce(try_cast(regexp_extract(value, '(\d+)h', 1) AS DOUBLE), 0) * 3600
            + coalesce(try_cast(regexp_extract(value, '(\d+)m(?:[^s]|$)', 1) AS DOUBLE), 0) * 60
            + coalesce(try_cast(regexp_extract(value, '([\d.]+)s', 1) AS DOUBLE), 0) AS grace_s
    FROM flag WHERE value <> ''
)
SELECT bundle_id, value AS node_monitor_grace_period, grace_s,
       '--node-monitor-grace-period=' || value || ' in: ' || left(command, 300) AS evidence
FROM seconds WHERE grace_s < 40
