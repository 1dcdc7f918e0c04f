/*
title: Bridged traffic bypasses iptables (bridge-nf-call-iptables off)
severity: high
description: With net.bridge.bridge-nf-call-iptables (or -ip6tables) at 0, packets
  crossing a Linux bridge skip iptables. kube-proxy's service rules then never see
  pod-to-service traffic on the same bridge: service IPs time out from pods while
  pod IPs answer. On a Kubernetes node where the keys are absent altogether, the
  br_netfilter module is not loaded, with the same effect. It only matters where
  bridged traffic should be filtered: the rule needs a bridge (not libvirt's virbr*,
  which wants it off), a container engine or a Kubernetes node.
remediation: modprobe br_netfilter; sysctl -w net.bridge.bridge-nf-call-iptables=1
  net.bridge.bridge-nf-call-ip6tables=1; persist both in /etc/sysctl.d/ and
  br_netfilter in /etc/modules-load.d/.
references: https://kubernetes.io/docs/setup/production-environment/container-runtimes/#forwarding-ipv4-and-letting-iptables-see-bridged-traffic
tags: network, kubernetes, sysctl
optional: docker_info, links, log_lines, modules, packages, processes, sources
*/
WITH bridged AS (   -- evidence that bridged traffic here should go through iptables
    SELECT bundle_id FROM links
    WHERE (kind = 'bridge' AND name NOT LIKE 'virbr%') OR name IN ('docker0', 'cni0', 'cbr0', 'kube-bridge')
    UNION SELECT bundle_id FROM processes
    WHERE program IN ('dockerd', 'containerd', 'kubelet', 'hyperkube', 'crio', 'podman')
    UNION SELECT bundle_id FROM packages
    WHERE name IN ('docker', 'docker-ce', 'docker-engine', 'docker.io', 'moby-engine', 'containerd', 'containerd.io',
                   'kubelet', 'kubernetes-node', 'cri-o', 'podman')
    UNION SELECT bundle_id FROM docker_info
    UNION SELECT bundle_id FROM modules WHERE name = 'br_netfilter'
    UNION SELECT bundle_id FROM log_lines WHERE program IN ('kubelet', 'dockerd', 'containerd')
), disabled AS (
    SELECT bundle_id, name, name || ' = ' || value AS line
    FROM sysctls
    WHERE name IN ('net.bridge.bridge-nf-call-iptables', 'net.bridge.bridge-nf-call-ip6tables')
      AND trim(value) = '0'
    UNION ALL
    -- A Kubernetes node (kubelet running or logging) whose sysctl -a has no bridge keys: br_netfilter is not loaded.
    SELECT s.bundle_id, 'br_netfilter' AS name,
           'net.bridge.bridge-nf-call-iptables absent from sysctl -a (br_netfilter not loaded) '
           || 'on a node running kubelet' AS line
    FROM sources s
    WHERE s.source = 'sysctl' AND s.status IN ('parsed', 'truncated')
      AND NOT EXISTS (SELECT 1 FROM sysctls y WHERE y.bundle_id = s.bundle_id
                      AND y.name LIKE 'net.bridge.bridge-nf-call-%')
      AND (EXISTS (SELECT 1 FROM log_lines l WHERE l.bundle_id = s.bundle_id AND l.program = 'kubelet')
           OR EXISTS (SELECT 1 FROM processes p WHERE p.bundle_id = s.bundle_id
                      AND p.program IN ('kubelet', 'hyperkube')))
)
SELECT bundle_id,
       string_agg(name, ', ' ORDER BY name) AS disabled,
       string_agg(line, chr(10) ORDER BY name) AS evidence
FROM disabled
WHERE bundle_id IN (SELECT bundle_id FROM bridged)
GROUP BY bundle_id
