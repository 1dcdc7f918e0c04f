/*
title: Swap in use on a Kubernetes node
severity: medium
description: The node runs kubelet and has swap enabled with pages swapped out. Kubelet
  refuses to start with swap on unless told otherwise (failSwapOn: false), because its memory
  accounting, pod limits and eviction assume memory is RAM: with swap, a pod over its limit
  slows down instead of being killed, eviction comes late, and latency-sensitive pods stall
  on page-ins. Only with the NodeSwap feature configured on purpose (Kubernetes 1.28+,
  swapBehavior LimitedSwap) is this expected.
remediation: Turn swap off (swapoff -a, remove it from /etc/fstab, mask swap units) and keep
  failSwapOn at true, or configure NodeSwap deliberately and size pods for it.
references: https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory
tags: kernel, memory, kubernetes
optional: log_lines, packages, processes, kubelet_config
*/
WITH swap AS (
    SELECT bundle_id, max(value) FILTER (WHERE name = 'SwapTotal') AS total_kb,
           max(value) FILTER (WHERE name = 'SwapFree') AS free_kb
    FROM meminfo GROUP BY bundle_id
    HAVING max(value) FILTER (WHERE name = 'SwapTotal') - max(value) FILTER (WHERE name = 'SwapFree') > 0
), kubelet AS (      -- any sign of kubelet: a process, a package, its log lines
    SELECT bundle_id, 'kubelet running: ' || left(min(command), 120) AS sign FROM processes
    WHERE program = 'kubelet' OR regexp_matches(command, '^\S*hyperkube kubelet\b') GROUP BY bundle_id
    UNION ALL
    SELECT bundle_id, 'package installed: ' || min(name || ' ' || version) FROM packages
    WHERE name IN ('kubelet', 'kubernetes-node') GROUP BY bundle_id
    UNION ALL
    SELECT bundle_id, 'kubelet log lines: ' || count(*) FROM log_lines    -- only the swapping nodes' logs
    WHERE program = 'kubelet' AND bundle_id IN (SELECT bundle_id FROM swap) GROUP BY bundle_id
)
SELECT s.bundle_id, s.total_kb - s.free_kb AS swap_used_kb,
       printf('swap in use: %.2f GiB of %.2f GiB', (s.total_kb - s.free_kb) / 1048576, s.total_kb / 1048576)
           || chr(10) || string_agg(k.sign, chr(10) ORDER BY k.sign) AS evidence
FROM swap s JOIN kubelet k USING (bundle_id)
WHERE NOT EXISTS (SELECT 1 FROM kubelet_config c      -- NodeSwap configured on purpose
                  WHERE c.bundle_id = s.bundle_id AND c.name = 'memorySwap.swapBehavior'
                    AND c.value IN ('LimitedSwap', 'UnlimitedSwap'))
GROUP BY s.bundle_id, s.total_kb, s.free_kb
