/*
title: Memory fragmented: no free blocks of order 4 or more, and compaction stalls
severity: low
description: A NUMA node's Normal zone (DMA32 where the node has no Normal zone) has no free
  block of 2^4 pages (64 KiB with 4 KiB pages) or larger in /proc/buddyinfo, and /proc/vmstat
  shows allocations that stalled for direct compaction and compactions that failed. Then every
  larger allocation (transparent huge pages, jumbo-frame and NIC ring buffers, slab caches of
  big objects, fork's kernel stacks) has to compact memory first, in the allocating task, and
  may fail: latency spikes and `page allocation failure: order:N` messages. Low, because free
  memory of small orders is normal on a busy node and compaction often catches up.
remediation: Look at what pins memory (slab caches, page cache, unmovable allocations);
  raise vm.min_free_kbytes a little, consider vm.compaction_proactiveness (5.9+) or a manual
  `echo 1 > /proc/sys/vm/compact_memory`; disable THP defrag for latency-sensitive services.
references: https://docs.kernel.org/admin-guide/mm/concepts.html, https://docs.kernel.org/admin-guide/sysctl/vm.html
tags: kernel, memory
*/
WITH zones AS (
    SELECT bundle_id, node, zone, sum(free_blocks) FILTER (WHERE block_order >= 4) AS high_order_free,
           string_agg(CAST(free_blocks AS VARCHAR), ' ' ORDER BY block_order) AS free_blocks
    FROM buddyinfo GROUP BY bundle_id, node, zone
), watched AS (      -- the zone most allocations come from
    SELECT * FROM zones z
    WHERE zone = 'Normal' OR (zone = 'DMA32' AND NOT EXISTS (
        SELECT 1 FROM zones n WHERE n.bundle_id = z.bundle_id AND n.node = z.node AND n.zone = 'Normal'))
), compaction AS (
    SELECT bundle_id, max(value) FILTER (WHERE name = 'compact_stall') AS stalls,
           max(value) FILTER (WHERE name = 'compact_fail') AS failures,
           max(value) FILTER (WHERE name = 'compact_success') AS successes
    FROM vmstat GROUP BY bundle_id
)
SELECT w.bundle_id, count(*) AS zones,
       string_agg('node ' || w.node || ' zone ' || w.zone || ': free blocks of order 0 and up: ' || w.free_blocks, chr(10)
                  ORDER BY w.node) || chr(10) ||
       printf('compaction since boot: %d stalls, %d failed, %d succeeded', CAST(c.stalls AS BIGINT),
              CAST(c.failures AS BIGINT), CAST(coalesce(c.successes, 0) AS BIGINT)) AS evidence
FROM watched w JOIN compaction c USING (bundle_id)
WHERE w.high_order_free = 0 AND c.stalls > 0 AND c.failures > 0
GROUP BY w.bundle_id, c.stalls, c.failures, c.successes
