/*
title: Leftovers of two network plugins on one node
severity: high
description: The node carries the interfaces of more than one CNI plugin (for example
  flannel's flannel.1/cni0 beside kube-router's kube-bridge, or calico's tunl0/cali*).
  A cluster redeployed on the same machines without cleanup looks like this: routes and
  iptables rules of the old plugin capture traffic, and the service VIP 10.96.0.1:443
  times out from pods.
remediation: Before redeploying, remove the old plugin's interfaces (ip link delete flannel.1
  cni0 kube-bridge ...), its iptables chains, the files in /etc/cni/net.d and /var/lib/cni, then reboot
  or restart kubelet and the new plugin.
references: https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/
tags: network, kubernetes, cni
*/
WITH plugin AS (
    SELECT bundle_id, name,
           CASE WHEN name LIKE 'flannel%' OR (name = 'cni0' AND kind = 'bridge') THEN 'flannel'
                WHEN name IN ('kube-bridge', 'kube-dummy-if') THEN 'kube-router'
                -- the ipip module makes a tunl0 whenever it loads (kube-router's tunnels load it): calico's
                -- only when up
                WHEN name LIKE 'cali%' OR name = 'vxlan.calico'
                     OR (name = 'tunl0' AND ',' || flags || ',' LIKE '%,UP,%') THEN 'calico'
                WHEN name IN ('weave', 'datapath') OR name LIKE 'vethwe-%' THEN 'weave'
                WHEN name LIKE 'cilium_%' THEN 'cilium'
           END AS plugin
    FROM links
)
SELECT bundle_id, string_agg(DISTINCT plugin, ', ' ORDER BY plugin) AS plugins,
       'interfaces of ' || string_agg(DISTINCT plugin, ' and ' ORDER BY plugin) || ': '
         || string_agg(DISTINCT name, ', ' ORDER BY name) AS evidence
FROM plugin WHERE plugin IS NOT NULL
GROUP BY bundle_id HAVING count(DISTINCT plugin) > 1
