/*
title: TCP or UDP socket memory under pressure or exhausted
severity: medium
description: /proc/net/sockstat gives the pages all TCP (UDP) sockets hold in buffers;
  net.ipv4.tcp_mem (udp_mem) gives three page counts, min, pressure and max. Above pressure
  the kernel shrinks socket buffers and prunes receive queues (throughput drops, TCP
  collapses and prunes queues); at max it refuses new buffer memory: packets are dropped and
  writes fail or block, for every socket of that protocol on the node. The evidence says which.
remediation: Find the sockets holding memory (`ss -tm`/`ss -um`: large Recv-Q of a stalled
  reader, many orphaned connections); raise tcp_mem/udp_mem only when the node has the RAM
  (the defaults scale with it), and fix the reader that does not keep up.
references: https://docs.kernel.org/networking/ip-sysctl.html
tags: network, kernel, sysctl, memory
*/
WITH used AS (
    SELECT bundle_id, section AS protocol, value AS pages
    FROM net_counters WHERE file = 'sockstat' AND section IN ('TCP', 'UDP') AND name = 'mem'
), limits AS (
    SELECT bundle_id, upper(regexp_extract(name, '^net\.ipv4\.(tcp|udp)_mem$', 1)) AS protocol, name,
           TRY_CAST(string_split(value, ' ')[2] AS DOUBLE) AS pressure,
           TRY_CAST(string_split(value, ' ')[3] AS DOUBLE) AS max
    FROM sysctls WHERE name IN ('net.ipv4.tcp_mem', 'net.ipv4.udp_mem')
), states AS (
    SELECT u.*, l.name, l.pressure, l.max,
           CASE WHEN u.pages >= l.max THEN 'exhausted' ELSE 'under pressure' END AS state
    FROM used u JOIN limits l USING (bundle_id, protocol)
    WHERE u.pages > l.pressure
)
SELECT bundle_id, string_agg(protocol || ' ' || state, ', ' ORDER BY protocol) AS state,
       string_agg(printf('%s socket memory %s: %d pages in use; %s pressure %d, max %d', protocol, state,
                         CAST(pages AS BIGINT), name, CAST(pressure AS BIGINT), CAST(max AS BIGINT)),
                  chr(10) ORDER BY protocol) AS evidence
FROM states GROUP BY bundle_id
