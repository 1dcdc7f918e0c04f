/*
title: bcache not set for its workload: cache mode or congestion cut-offs
severity: low
description: A bcache device that is not in writeback mode sends every write to the slow
  disk, and a cache set with congestion thresholds (2 ms for reads and 20 ms for writes by
  default) stops caching whenever the SSD is slower than that, so under load, when the
  cache matters most, I/O bypasses it. Ceph OSDs and databases on bcache are tuned with
  writeback and both thresholds at 0.
remediation: echo writeback > /sys/block/bcacheN/bcache/cache_mode; echo 0 into
  congested_read_threshold_us and congested_write_threshold_us of /sys/fs/bcache/<set>/,
  and make them persistent (udev rule or tmpfiles.d), unless the current mode was chosen
  on purpose (writethrough keeps no dirty data on the SSD).
references: https://docs.kernel.org/admin-guide/bcache.html
tags: storage, performance
*/
SELECT bundle_id, count(*) AS settings,
       string_agg(device || ' ' || name || ' = ' || value, chr(10) ORDER BY device, name) AS evidence
FROM bcache_settings
WHERE (name = 'cache_mode' AND value <> 'writeback')
   OR (name IN ('congested_read_threshold_us', 'congested_write_threshold_us') AND try_cast(value AS BIGINT) <> 0)
GROUP BY bundle_id
