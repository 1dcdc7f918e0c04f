/*
title: No default route: the node reaches only its own subnets
severity: medium
description: The main routing table has no default route (or only an unreachable or blackhole
  one), so everything outside the directly connected and explicitly routed networks is
  unreachable: image registries, NTP and DNS servers elsewhere, a control plane in another
  subnet. It usually goes after a DHCP lease was lost, a network restart that did not bring
  the gateway back, or an interface renamed under its configuration.
remediation: Check the interface configuration (ifcfg GATEWAY=, netplan routes, NetworkManager
  connection) and the DHCP client's log, then add the route back (ip route add default via
  GATEWAY) and make it persistent.
references: https://man7.org/linux/man-pages/man8/ip-route.8.html
tags: network, routing
*/
SELECT bundle_id,
       'no default route in the main table; its routes:' || chr(10)
           || string_agg(route, chr(10) ORDER BY route) FILTER (WHERE route_table = 'main')
           || coalesce(chr(10) || 'default routes of other tables: '
                       || string_agg(route_table || ': ' || route, '; ' ORDER BY route_table)
                          FILTER (WHERE route_table <> 'main' AND destination = 'default'), '') AS evidence
FROM routes
GROUP BY bundle_id
HAVING count(*) FILTER (WHERE route_table = 'main' AND destination = 'default' AND type = 'unicast') = 0
   AND count(*) FILTER (WHERE route_table = 'main') > 0
