/*
title: Connection tracking table full: new connections are dropped
severity: high
description: `nf_conntrack: table full, dropping packet`: the node tracks as many
  connections as net.netfilter.nf_conntrack_max allows and drops new ones. Services and
  NodePorts time out at random.
remediation: Raise net.netfilter.nf_conntrack_max (and the hash size), shorten timeouts for
  short-lived traffic, find the client opening connections without reuse.
references: https://www.kernel.org/doc/Documentation/networking/nf_conntrack-sysctl.txt
tags: network, kernel, sysctl
optional: sysctls
*/
SELECT e.bundle_id, count(*) AS occurrences, min(s.value) AS nf_conntrack_max,
       first_lines(e.raw, e.ts, e.line_no, 3) AS evidence
FROM events e LEFT JOIN sysctls s ON s.bundle_id = e.bundle_id AND s.name = 'net.netfilter.nf_conntrack_max'
WHERE e.kind = 'conntrack_full' GROUP BY e.bundle_id
