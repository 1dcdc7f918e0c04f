/*
title: Disk medium errors: a disk cannot read or write its own sectors
severity: high
description: `critical medium error, dev sdk, sector 130611915` (from `blk_update_request:` or
  `print_req_error:`) means the drive itself reported an unrecoverable media error (SCSI sense
  key Medium Error): the sectors named are lost, and a disk that starts doing this usually gets
  worse. Unlike a generic I/O error (a cable, a path, a removed loop device) it points at the
  disk, one finding per disk.
remediation: Check the disk named with `smartctl -a` (reallocated and pending sectors), move its
  data off and replace it; on a RAID or Ceph node fail it out before it takes more data with it.
references: https://www.smartmontools.org/wiki/BadBlockHowto
tags: storage, hardware, kernel
*/
SELECT bundle_id, device, count(*) AS errors, min(ts) AS first_seen, max(ts) AS last_seen,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'block_io_error' AND detail = 'critical medium error'
GROUP BY bundle_id, device
