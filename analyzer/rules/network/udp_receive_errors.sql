/*
title: UDP receive errors: more than 1 % of datagrams lost
severity: medium
description: /proc/net/snmp Udp InErrors counts datagrams the kernel could not deliver:
  RcvbufErrors (the socket's receive buffer was full: the application did not read fast
  enough) and InCsumErrors (bad checksum: a NIC, cable or offload problem) are part of it.
  Fires above 1 % of the datagrams delivered (InDatagrams) and 1000 errors: the counters run
  since boot, so a share alone would fire on an idle node with a handful of errors and a
  count alone on any busy node that ever had a burst. DNS, syslog, NFS over UDP, VXLAN
  overlays and media streams lose data this way without a log line.
remediation: For RcvbufErrors, find the socket with a large Recv-Q (`ss -uamn`), make its reader
  keep up or give it a bigger buffer (SO_RCVBUF, net.core.rmem_max/rmem_default); for
  InCsumErrors, check the NIC's counters (ethtool -S) and checksum offload settings.
references: https://docs.kernel.org/networking/ip-sysctl.html
tags: network, kernel
*/
WITH udp AS (
    SELECT bundle_id, max(value) FILTER (WHERE name = 'InDatagrams') AS datagrams,
           max(value) FILTER (WHERE name = 'InErrors') AS in_errors,
           max(value) FILTER (WHERE name = 'RcvbufErrors') AS rcvbuf_errors,
           max(value) FILTER (WHERE name = 'InCsumErrors') AS csum_errors
    FROM net_counters WHERE file = 'snmp' AND section = 'Udp' GROUP BY bundle_id
), rated AS (        -- InErrors includes the other two; old kernels lack some of them
    SELECT *, greatest(coalesce(in_errors, 0), coalesce(rcvbuf_errors, 0) + coalesce(csum_errors, 0)) AS errors
    FROM udp
)
SELECT bundle_id, CAST(errors AS BIGINT) AS errors,
       round(100 * errors / nullif(datagrams, 0), 2) AS errors_pct,
       printf('Udp: %d receive errors since boot, %s of %d datagrams delivered (RcvbufErrors %d: receive buffer full; '
              'InCsumErrors %d: bad checksum)', CAST(errors AS BIGINT),
              coalesce(printf('%.2f%%', 100 * errors / nullif(datagrams, 0)), 'all'),
              CAST(coalesce(datagrams, 0) AS BIGINT),
              CAST(coalesce(rcvbuf_errors, 0) AS BIGINT), CAST(coalesce(csum_errors, 0) AS BIGINT)) AS evidence
FROM rated
WHERE errors > 1000 AND errors > 0.01 * coalesce(datagrams, 0)
