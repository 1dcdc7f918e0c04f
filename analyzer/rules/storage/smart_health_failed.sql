/*
title: A disk says it is failing (SMART)
severity: high
description: The disk's own firmware judged its health FAILED (ATA) or not OK (SAS), or an
  attribute is failing now. Reallocated and pending sectors tell how far it went. Such a
  disk returns read errors, stalls I/O for seconds while it retries and can take the
  filesystem, the RAID set or the Ceph OSD on it down.
remediation: Replace the disk. Until then move what matters off it; for RAID and Ceph,
  take it out of the set before it fails under load.
references: https://www.smartmontools.org/wiki/FAQ
tags: storage, hardware
*/
SELECT bundle_id, count(*) AS disks,
       string_agg(device || coalesce(' (' || model || ')', '') || ': ' || health
                  || coalesce(', ' || reallocated || ' reallocated', '') || coalesce(', ' || pending || ' pending', '')
                  || coalesce(', ' || uncorrectable || ' uncorrectable', '') || ' sectors', chr(10) ORDER BY device)
           AS evidence
FROM disk_health WHERE failing GROUP BY bundle_id
