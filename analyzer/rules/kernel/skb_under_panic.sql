/*
title: skb_under_panic: the network stack pushed a header past the buffer and the kernel crashed
severity: critical
description: `skbuff: skb_under_panic` means a packet buffer had no room for a header a
  driver or bridge pushed; the kernel stops. On CentOS 7.1's 3.10.0-229.7.2.el7 this hits
  nodes running kube-router (bridge traffic on br0 / kube-bridge): several nodes of that
  build rebooted and lost kubelet state, while nodes on 3.10.0-693 did not (CentOS bug 12636).
remediation: Upgrade the kernel (3.10.0-693 or later on CentOS 7). Until then, move
  kube-router nodes off 3.10.0-229.*. The fleet report shows which builds panic.
references: https://bugs.centos.org/view.php?id=12636
tags: kernel, panic, network, kube-router
*/
SELECT e.bundle_id,
       count(*) AS occurrences,
       string_agg(DISTINCT e.device, ', ' ORDER BY e.device) AS devices,
       min(h.kernel_release) AS kernel_release,
       min(h.kernel_release) LIKE '3.10.0-229%' AS known_bad_build,
       first_lines(e.raw, e.ts, e.line_no, 3) AS evidence
FROM events e JOIN hosts h USING (bundle_id)
WHERE e.kind IN ('skb_under_panic', 'skb_over_panic')
GROUP BY e.bundle_id
