/*
title: NIC transmit queue timed out: the driver's watchdog reset the adapter
severity: high
description: `NETDEV WATCHDOG: enp9s0 (igb): transmit queue 0 timed out` means a network
  card stopped sending for several seconds and its driver reset it. Traffic stalls or drops
  while it happens (pods lose their readiness, storage over the network times out); repeated
  timeouts point at a failing card, cable or switch port, a driver or firmware bug, or a
  starved vCPU on a virtual NIC.
remediation: Check `ethtool -S` and the switch port for errors, update the NIC driver and
  firmware, and replace the card or cable when the timeouts repeat on one device.
references: https://access.redhat.com/solutions/91833
tags: network, kernel, hardware
*/
SELECT bundle_id, count(*) AS occurrences, string_agg(DISTINCT device || coalesce(' (' || detail || ')', ''), ', '
                                                      ORDER BY device || coalesce(' (' || detail || ')', '')) AS devices,
       first_lines(raw, ts, line_no, 3) AS evidence
FROM events WHERE kind = 'netdev_watchdog' GROUP BY bundle_id
