/*
title: Huge pages hold most of the memory and little is left for everything else
severity: medium
description: The huge page pool (HugePages_Total x Hugepagesize, or Hugetlb) is more than 80 %
  of MemTotal and the kernel estimates that less than 3 % of MemTotal is available
  (MemAvailable). Huge pages are set aside at boot for hugetlbfs users (DPDK, VMs with huge
  page backing, databases) and nothing else can use them, free or not. A pool of most of RAM
  is a deliberate sizing on such hosts, so that alone is no finding (hotsos, which checks the
  same, uses these thresholds too: on a 384 GiB host 3 % is still 11 GiB); with MemAvailable
  under 3 % the kernel, page cache and every other process share the small rest and the node
  is close to swapping and OOM kills. The evidence says how many huge pages are free: free
  ones are kept from the rest of the node while nothing uses them (yet).
remediation: Size the pool (vm.nr_hugepages, hugepages= on the kernel command line) to what
  its users need plus a margin, leaving the host enough for its own processes; on compute
  nodes reserve host memory explicitly (e.g. nova reserved_host_memory_mb).
references: https://docs.kernel.org/admin-guide/mm/hugetlbpage.html
tags: kernel, memory
*/
WITH m AS (
    SELECT bundle_id,
           max(value) FILTER (WHERE name = 'MemTotal') AS total_kb,
           -- before 3.14 there is no MemAvailable: free plus page cache is the usual estimate
           coalesce(max(value) FILTER (WHERE name = 'MemAvailable'),
                    max(value) FILTER (WHERE name = 'MemFree') + max(value) FILTER (WHERE name = 'Cached'))
               AS available_kb,
           max(value) FILTER (WHERE name = 'HugePages_Total') AS pages,
           max(value) FILTER (WHERE name = 'HugePages_Free') AS free_pages,
           max(value) FILTER (WHERE name = 'Hugepagesize') AS page_kb,
           -- Hugetlb (4.17+) counts pools of every page size, HugePages_* only the default one
           greatest(coalesce(max(value) FILTER (WHERE name = 'Hugetlb'), 0),
                    coalesce(max(value) FILTER (WHERE name = 'HugePages_Total') *
                             max(value) FILTER (WHERE name = 'Hugepagesize'), 0)) AS huge_kb
    FROM meminfo GROUP BY bundle_id
)
SELECT bundle_id, round(100 * huge_kb / total_kb, 1) AS huge_pages_pct,
       round(100 * available_kb / total_kb, 1) AS available_pct,
       printf('huge pages hold %.1f GiB of %.1f GiB (%.0f%%): %d pages of %d kB, %d of them free; '
              'MemAvailable %.1f GiB (%.1f%%)', huge_kb / 1048576, total_kb / 1048576, 100 * huge_kb / total_kb,
              CAST(coalesce(pages, 0) AS BIGINT), CAST(coalesce(page_kb, 0) AS BIGINT),
              CAST(coalesce(free_pages, 0) AS BIGINT),
              available_kb / 1048576, 100 * available_kb / total_kb) AS evidence
FROM m
WHERE total_kb > 0 AND huge_kb > 0.8 * total_kb AND available_kb < 0.03 * total_kb
