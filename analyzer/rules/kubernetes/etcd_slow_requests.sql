/*
title: etcd requests too slow: the control plane stalls and probes fail
severity: high
description: etcd logs `took too long (...) to execute` for requests over 100 ms. Requests
  of seconds mean its disk (fsync) or CPU cannot keep up: the API server times out,
  liveness probes of control-plane pods fail (statuscode 500) and they restart in a loop.
  Fires when one request took a second or more, or there were 10 or more slow requests.
remediation: Give etcd a fast dedicated disk (SSD, low fsync latency), keep it off busy
  nodes, move Kubernetes events to a separate etcd (--etcd-servers-overrides), compact and
  defragment.
references: https://etcd.io/docs/v3.5/op-guide/hardware/
tags: kubernetes, etcd, control-plane
*/
SELECT bundle_id, count(*) AS slow_requests, max(seconds) AS worst_seconds,
       (SELECT count(*) FROM events p WHERE p.bundle_id = e.bundle_id AND p.kind = 'probe_failure') AS probe_failures,
       array_to_string(list(raw ORDER BY seconds DESC, ts, path, line_no)[1:3], chr(10)) AS evidence
FROM events e WHERE kind = 'etcd_slow'
GROUP BY bundle_id HAVING max(seconds) >= 1 OR count(*) >= 10
