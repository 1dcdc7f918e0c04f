/*
title: Hostname differs from the node name kubelet registers
severity: medium
description: kubelet registers the node under its --hostname-override (or the hostname at
  start). If the hostname was changed after the node joined, kubelet's identity, its
  certificates and the cloud provider's view disagree: registration and status updates
  break.
remediation: Keep hostnames stable once a node joined; if it must change, drain, delete
  the node object and re-join it. Do not let applications change the hostname (run them
  as non-root, e.g. with gosu).
references: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
tags: kubernetes, kubelet
*/
SELECT h.bundle_id, h.hostname,
       regexp_extract(p.command, '--hostname-override[= ](\S+)', 1) AS node_name,
       'hostname ' || h.hostname || ' but kubelet runs with --hostname-override='
         || regexp_extract(p.command, '--hostname-override[= ](\S+)', 1) AS evidence
FROM hosts h JOIN processes p USING (bundle_id)
WHERE (p.program = 'kubelet' OR regexp_matches(p.command, '^\S*hyperkube kubelet\b'))
  AND p.command LIKE '%--hostname-override%'
  AND lower(split_part(regexp_extract(p.command, '--hostname-override[= ](\S+)', 1), '.', 1))
      <> lower(split_part(h.hostname, '.', 1))
