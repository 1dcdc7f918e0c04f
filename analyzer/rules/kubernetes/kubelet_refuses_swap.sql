/*
title: Swap is on but kubelet is set to refuse it: kubelet will not start
severity: high
description: The node has swap and kubelet runs with failSwapOn true (its default): kubelet
  exits at start with 'running with swap on is not supported, please disable swap', so the
  node goes NotReady at its next kubelet or node restart, or already has. Swap turned back on
  by /etc/fstab or a swap unit after a reboot is the usual way in. A command-line flag
  (--fail-swap-on) wins over config.yaml, as in kubelet; without either, nothing is said.
remediation: Turn swap off (swapoff -a; remove it from /etc/fstab; systemctl mask the swap
  unit) and restart kubelet; or, on Kubernetes 1.28+, configure NodeSwap on purpose
  (failSwapOn false, memorySwap.swapBehavior LimitedSwap).
references: https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory,
  https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
tags: kubernetes, memory
optional: units
*/
WITH swap AS (
    SELECT bundle_id, max(value) FILTER (WHERE name = 'SwapTotal') AS total_kb,
           max(value) FILTER (WHERE name = 'SwapFree') AS free_kb
    FROM meminfo GROUP BY bundle_id HAVING max(value) FILTER (WHERE name = 'SwapTotal') > 0
), flag AS (         -- --fail-swap-on on kubelet's command line, else in an environment file
    SELECT bundle_id, arg_min(value, (file <> 'command line', file)) AS value,
           arg_min(CASE file WHEN 'command line' THEN 'kubelet''s command line' ELSE file END,
                   (file <> 'command line', file)) AS place
    FROM kubelet_config WHERE name = '--fail-swap-on' GROUP BY bundle_id
), config AS (       -- only a config.yaml read tells what kubelet does without the flag
    SELECT bundle_id, max(value) FILTER (WHERE name = 'failSwapOn') AS value
    FROM kubelet_config WHERE file = 'config.yaml' GROUP BY bundle_id
), setting AS (
    SELECT bundle_id, coalesce(f.value, c.value, 'true') AS fail_swap_on,
           CASE WHEN f.value IS NOT NULL THEN '--fail-swap-on=' || f.value || ' (' || f.place || ')'
                WHEN c.value IS NOT NULL THEN 'failSwapOn: ' || c.value || ' (config.yaml)'
                ELSE 'failSwapOn not set in config.yaml: true by default' END AS said
    FROM config c FULL JOIN flag f USING (bundle_id)
)
SELECT s.bundle_id, w.total_kb AS swap_kb,
       concat_ws(chr(10),
           printf('swap on: %.2f GiB, %.2f GiB used', w.total_kb / 1048576, (w.total_kb - w.free_kb) / 1048576),
           'kubelet refuses swap: ' || s.said,
           (SELECT string_agg(unit || ' ' || active || '/' || sub, ', ' ORDER BY unit) FROM units u
            WHERE u.bundle_id = s.bundle_id AND u.unit IN ('kubelet.service', 'snap.kubelet.daemon.service'))) AS evidence
FROM setting s JOIN swap w USING (bundle_id)
WHERE lower(s.fail_swap_on) NOT IN ('false', '0')
