/*
title: Filesystem or disk I/O errors
severity: high
description: EXT4/XFS errors, filesystems remounted read-only, buffer and block-layer I/O
  errors: data may be lost and containers writing there fail. A disk's own medium errors and
  NFS servers not responding have rules of their own (disk_medium_errors,
  nfs_server_not_responding).
remediation: Check the device named (SMART, the SAN/hypervisor datastore), run fsck/xfs_repair
  when unmounted, replace failing disks.
references: https://www.kernel.org/doc/html/latest/admin-guide/ext4.html
tags: storage, kernel
*/
SELECT bundle_id, count(*) AS errors, string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds,
       string_agg(DISTINCT device, ', ' ORDER BY device) AS devices,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events
WHERE kind IN ('ext4_error', 'xfs_error', 'readonly_remount', 'buffer_io_error', 'block_io_error')
  AND detail IS DISTINCT FROM 'critical medium error'    -- a failing disk: disk_medium_errors says so
  -- a VM's virtual floppy or CD drive with no medium in it: no filesystem of the node
  AND NOT coalesce(regexp_matches(device, '^(fd|sr)[0-9]+$'), false)
GROUP BY bundle_id
