/*
title: IP forwarding off on a node that routes pod traffic
severity: high
description: net.ipv4.ip_forward = 0 on a node with a container bridge or CNI interfaces:
  packets between pods on different nodes and from pods to the outside are not forwarded.
remediation: sysctl -w net.ipv4.ip_forward=1 and persist it in /etc/sysctl.d/; find what
  turned it off (a hardening baseline, a network service restart).
references: https://kubernetes.io/docs/setup/production-environment/container-runtimes/
tags: network, kubernetes, sysctl
optional: links
*/
WITH pod_links AS (   -- interfaces that carry container or pod traffic; a host's br0 or libvirt's virbr0 bridge VMs
    SELECT bundle_id, name FROM links
    WHERE name IN ('docker0', 'cni0', 'cbr0', 'flannel.1', 'kube-bridge', 'tunl0', 'weave') OR kind = 'vxlan'
       OR (kind = 'bridge' AND (name LIKE 'br-%' OR name LIKE 'cni%' OR name LIKE 'podman%'))
)
SELECT s.bundle_id, s.value,
       'net.ipv4.ip_forward = ' || s.value || ' with '
       || (SELECT string_agg(name, ', ' ORDER BY name) FROM pod_links l WHERE l.bundle_id = s.bundle_id) AS evidence
FROM sysctls s
WHERE s.name = 'net.ipv4.ip_forward' AND trim(s.value) = '0'
  AND EXISTS (SELECT 1 FROM pod_links l WHERE l.bundle_id = s.bundle_id)
