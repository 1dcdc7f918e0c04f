/*
title: Packets dropped by the reverse path filter (rp_filter)
severity: low
description: TcpExt IPReversePathFilter in /proc/net/netstat counts packets the kernel dropped
  because their source address would not be routed back out of the interface they came in on
  (strict rp_filter, 1) or of any interface (loose, 2). On a multi-homed node, with asymmetric
  routing, policy routing, VIPs or some CNI and overlay setups, legitimate traffic is dropped
  silently, with no log line unless log_martians is on. A few drops can be spoofed traffic;
  the count since boot and the strict interfaces are given.
remediation: Find the traffic (enable net.ipv4.conf.all.log_martians for a while), then fix
  the routing so replies leave where requests arrive, or set rp_filter to 2 (loose) or 0 on
  the interfaces concerned; the value used is the higher of conf.all and conf.<interface>.
references: https://docs.kernel.org/networking/ip-sysctl.html
tags: network, kernel, sysctl
optional: sysctls
*/
SELECT k.bundle_id, CAST(k.value AS BIGINT) AS drops,
       'TcpExt IPReversePathFilter: ' || CAST(k.value AS BIGINT)
       || ' packets dropped by the reverse path filter since boot'
       || coalesce(chr(10) || 'rp_filter set: ' || (
           SELECT array_to_string(list(s.name || ' = ' || s.value ORDER BY s.name)[1:12], ', ')
           FROM sysctls s WHERE s.bundle_id = k.bundle_id AND s.name LIKE 'net.ipv4.conf.%.rp_filter' AND s.value <> '0'
           HAVING count(*) > 0), '') AS evidence
FROM net_counters k
WHERE k.file = 'netstat' AND k.section = 'TcpExt' AND k.name = 'IPReversePathFilter' AND k.value > 0
