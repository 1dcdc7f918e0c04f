/*
title: Stale DOCKER-ISOLATION chain: DROP rules ahead of RETURN cut pods off from other nodes
severity: high
description: A healthy DOCKER-ISOLATION chain holds only RETURN (or DROPs between docker's
  own bridges). Left over from an earlier deployment, DROP rules between docker0 and the
  pod bridge sit ahead of RETURN and drop forwarded pod traffic: pods on this node are
  unreachable from other nodes (Destination Host Prohibited) while local traffic works.
remediation: Flush the stale rules (iptables -F DOCKER-ISOLATION, then restart docker so it
  writes a clean chain); delete leftover flannel.1 and cni0 interfaces, clear /run/flannel
  and /etc/cni/net.d, and redeploy the network plugin.
references: https://docs.docker.com/network/iptables/
tags: network, iptables, docker
*/
WITH iso AS (
    SELECT bundle_id, family, "table", chain, position, target, rule,
           -- docker 17.06+ isolates its own bridges in stage 2 with `-o BRIDGE -j DROP`: by design
           chain = 'DOCKER-ISOLATION-STAGE-2' AND in_iface IS NULL AND out_iface IS NOT NULL AND src IS NULL
               AND dst IS NULL AND "match" IS NULL AS dockers_own
    FROM iptables_rules WHERE chain LIKE 'DOCKER-ISOLATION%' AND "table" = 'filter'
), stale AS (
    SELECT d.* FROM iso d
    WHERE d.target = 'DROP' AND NOT d.dockers_own
      AND EXISTS (SELECT 1 FROM iso r WHERE r.bundle_id = d.bundle_id AND r.family = d.family
                  AND r.chain = d.chain AND r.target = 'RETURN' AND r.position > d.position)
)
SELECT bundle_id, count(*) AS drop_rules, string_agg(DISTINCT chain, ', ' ORDER BY chain) AS chains,
       array_to_string(list(chain || ' #' || position || ': ' || rule ORDER BY chain, position)[1:8], chr(10)) AS evidence
FROM stale GROUP BY bundle_id
