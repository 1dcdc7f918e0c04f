/*
title: Receive backlog drops or squeezed softirqs (softnet_stat)
severity: low
description: /proc/net/softnet_stat counts, per CPU, packets dropped because its input backlog
  queue was full (net.core.netdev_max_backlog: RPS, veth, loopback and non-NAPI traffic
  queue there) and the times the receive softirq ran out of budget or time with packets
  still waiting (time_squeeze). Fires when any CPU dropped packets, or squeezed at least 1000
  times and in more than 0.1 % of its packets: with the default budget of 300 packets per run
  that is about every third run ending with work left. Drops here appear in no interface
  counter, so they are easily missed.
remediation: Spread receive processing (RSS queues, irqbalance, RPS/RFS), raise
  net.core.netdev_max_backlog for drops, net.core.netdev_budget and netdev_budget_usecs for
  squeezes; look for one CPU taking all the interrupts.
references: https://docs.kernel.org/networking/scaling.html, https://docs.kernel.org/admin-guide/sysctl/net.html
tags: network, kernel, performance
optional: sysctls
*/
WITH cpus AS (
    SELECT bundle_id, section AS cpu, max(value) FILTER (WHERE name = 'processed') AS processed,
           max(value) FILTER (WHERE name = 'dropped') AS dropped,
           max(value) FILTER (WHERE name = 'time_squeeze') AS squeezed
    FROM net_counters WHERE file = 'softnet_stat' GROUP BY bundle_id, section
), flagged AS (
    SELECT * FROM cpus WHERE dropped > 0 OR (squeezed >= 1000 AND squeezed > 0.001 * processed)
)
SELECT f.bundle_id, count(*) AS cpus, CAST(sum(f.dropped) AS BIGINT) AS dropped,
       CAST(sum(f.squeezed) AS BIGINT) AS time_squeeze,
       array_to_string(list(printf('%s: %d packets processed, %d dropped, %d time_squeeze', f.cpu,
                                   CAST(coalesce(f.processed, 0) AS BIGINT), CAST(coalesce(f.dropped, 0) AS BIGINT),
                                   CAST(coalesce(f.squeezed, 0) AS BIGINT))
                            ORDER BY f.dropped DESC, f.squeezed DESC, f.cpu)[1:8], chr(10))
       || coalesce(chr(10) || (SELECT string_agg(s.name || ' = ' || s.value, ', ' ORDER BY s.name)
                               FROM sysctls s WHERE s.bundle_id = f.bundle_id
                                 AND s.name IN ('net.core.netdev_max_backlog', 'net.core.netdev_budget')), '') AS evidence
FROM flagged f GROUP BY f.bundle_id
