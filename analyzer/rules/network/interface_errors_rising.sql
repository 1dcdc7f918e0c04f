/*
title: Interface errors or drops keep rising (sar network history)
severity: medium
description: The sar history of an interface (sar -n EDEV) shows errors (receive, transmit,
  frame, FIFO, carrier, collisions) of 1/s or more, or drops of 10/s or more, in at least
  three samples: not a burst at link-up but a fault that goes on. Errors point at the
  physical layer or the driver (a bad cable, optic or switch port, a duplex mismatch, a NIC
  firmware bug); drops at a receive ring or backlog too small for the traffic, or at packets
  the stack refuses. Pods on the node see retransmits, timeouts and slow image pulls. Drops
  on an inactive slave of an active-backup bond are expected and not counted.
remediation: Compare with the switch port's counters and ethtool -S (net_counters, file
  'ethtool': crc, missed, fifo, queue drops); replace the cable or optic, fix speed and duplex,
  update the NIC firmware and driver; for drops, enlarge the rings (ethtool -G) and
  net.core.netdev_max_backlog, or spread the load (RSS, irqbalance).
references: https://man7.org/linux/man-pages/man1/sar.1.html,
  https://www.kernel.org/doc/html/latest/networking/statistics.html
tags: network, hardware
optional: bonding
*/
WITH edev AS (
    SELECT bundle_id, item AS iface, ts,
           sum(value) FILTER (WHERE name IN ('rxerr/s', 'txerr/s', 'rxfram/s', 'rxfifo/s', 'txfifo/s', 'txcarr/s',
                                             'coll/s')) AS errors,
           sum(value) FILTER (WHERE name IN ('rxdrop/s', 'txdrop/s')) AS drops
    FROM sar
    WHERE section = 'edev' AND item <> 'lo'
    GROUP BY bundle_id, item, ts
), standby AS (      -- an active-backup bond's standby slave drops what reaches it: by design
    SELECT DISTINCT bundle_id, slave AS iface FROM bonding WHERE active_slave IS NOT NULL AND slave <> active_slave
), faulty AS (
    SELECT e.bundle_id, e.iface, count(*) AS samples, min(e.ts) AS first_ts, max(e.ts) AS last_ts,
           max(e.errors) AS peak_errors, max(e.drops) AS peak_drops
    FROM edev e LEFT JOIN standby s ON s.bundle_id = e.bundle_id AND s.iface = e.iface
    WHERE e.errors >= 1 OR (e.drops >= 10 AND s.iface IS NULL)
    GROUP BY e.bundle_id, e.iface HAVING count(*) >= 3
)
SELECT bundle_id, max(peak_errors) AS peak_errors_per_s, max(peak_drops) AS peak_drops_per_s,
       string_agg(printf('%s: errors or drops in %d samples from %s to %s, up to %.1f errors/s and %.1f drops/s',
                         iface, samples, CAST(first_ts AS VARCHAR), CAST(last_ts AS VARCHAR), peak_errors,
                         peak_drops), chr(10) ORDER BY iface) AS evidence
FROM faulty
GROUP BY bundle_id
