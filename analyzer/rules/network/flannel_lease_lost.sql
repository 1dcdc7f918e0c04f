/*
title: flannel lost its subnet lease and shut the node's pod network down
severity: high
description: flanneld holds a lease on the node's pod subnet in etcd; when it expires or
  is revoked (etcd slow or unreachable, clock jumps) flanneld exits and pods on the node
  lose connectivity until it gets a lease again, often a different subnet.
remediation: Check etcd health and latency and clock sync; use permanent lease
  reservations (flannel's `reservations`) for nodes that must keep their subnet.
references: https://github.com/flannel-io/flannel/blob/master/Documentation/reservations.md
tags: network, flannel, kubernetes
*/
SELECT bundle_id, occurrences, first_seen, last_seen, evidence
FROM event_counts WHERE kind = 'flannel_lease_lost'
