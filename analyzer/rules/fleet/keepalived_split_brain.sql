/*
title: keepalived split brain: several nodes MASTER for one VRRP instance
severity: critical
description: More than one node's keepalived ended in MASTER state for the same VRRP
  instance: both hold the virtual IP. It happens when the nodes cannot hear each other's
  adverts (different subnets, multicast filtered); clients reach either node at random.
remediation: Put the VRRP peers in one subnet or configure unicast_peer, and allow VRRP
  (IP protocol 112) between them.
references: https://keepalived.readthedocs.io/en/latest/case_study_failover.html
tags: network, keepalived, fleet
scope: fleet
*/
WITH last_state AS (
    SELECT bundle_id, detail AS instance,      -- the last line wins; one second holds several
           arg_max(state, (ts, path, line_no)) FILTER (WHERE ts IS NOT NULL) AS state,
           arg_max(raw, (ts, path, line_no)) FILTER (WHERE ts IS NOT NULL) AS raw
    FROM events WHERE kind = 'keepalived_state' GROUP BY bundle_id, detail
)
SELECT NULL AS bundle_id, l.instance, count(*) AS masters,
       string_agg(h.hostname, ', ' ORDER BY h.hostname) AS hosts,
       string_agg(h.hostname || ': ' || l.raw, chr(10) ORDER BY h.hostname) AS evidence
FROM last_state l JOIN hosts h USING (bundle_id)
WHERE l.state = 'MASTER'
GROUP BY l.instance HAVING count(*) > 1
