/*
title: Too many Kubernetes service rules for iptables mode: consider IPVS
severity: medium
description: kube-proxy in iptables mode writes a KUBE-SVC chain per service and a KUBE-SEP
  chain per endpoint; every rule sync rewrites them all. Past a few thousand services or
  tens of thousands of rules a sync takes minutes and packets walk long chains: latency
  spikes and stale endpoints. This rule fires at 10,000 KUBE-* rules or 1,000 KUBE-SVC chains.
remediation: Run kube-proxy in IPVS mode (--proxy-mode=ipvs, with the ip_vs modules loaded),
  or cut unused services.
references: https://kubernetes.io/blog/2018/07/09/ipvs-based-in-cluster-load-balancing-deep-dive/
tags: network, kubernetes, iptables, scale
*/
WITH counts AS (
    SELECT bundle_id,
           (SELECT count(*) FROM iptables_rules r WHERE r.bundle_id = c.bundle_id AND r.chain LIKE 'KUBE-%') AS kube_rules,
           count(DISTINCT chain) FILTER (chain LIKE 'KUBE-SVC-%') AS svc_chains,
           count(DISTINCT chain) FILTER (chain LIKE 'KUBE-SEP-%') AS sep_chains
    FROM iptables_chains c GROUP BY bundle_id
)
SELECT bundle_id, kube_rules, svc_chains, sep_chains,
       kube_rules || ' rules in KUBE-* chains, ' || svc_chains || ' KUBE-SVC and ' || sep_chains
         || ' KUBE-SEP chains' AS evidence
FROM counts WHERE kube_rules >= 10000 OR svc_chains >= 1000
