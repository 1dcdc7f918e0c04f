/*
title: Container storage cannot use overlay2 (devicemapper on loop devices, no d_type, old kernel)
severity: high
description: docker falls back to devicemapper on loop files (slow, and it fills up and
  corrupts), or the backing filesystem lacks d_type (xfs made with ftype=0) so overlay
  misbehaves, or containerd cannot load its overlayfs snapshotter; on RHEL/CentOS 7
  overlay2 needs kernel 3.10.0-514 or later.
remediation: Put /var/lib/docker on xfs with ftype=1 (mkfs.xfs -n ftype=1) or ext4, use the
  overlay2 storage driver, and a kernel new enough for it.
references: https://docs.docker.com/storage/storagedriver/overlayfs-driver/
tags: containers, docker, storage
optional: docker_info
*/
WITH storage_errors AS (
    -- containerd tries every snapshotter at start and logs the ones this host cannot use
    -- ('failed to load plugin io.containerd.snapshotter.v1.btrfs ... must be a btrfs filesystem',
    -- zfs, aufs, devmapper, '... skip plugin'): that is normal. Only an overlayfs snapshotter
    -- failure, or a graphdriver or devmapper error of dockerd, is a storage problem.
    SELECT bundle_id, ts, raw FROM events
    WHERE kind = 'storage_driver_error'
      AND NOT (coalesce(detail, '') LIKE 'io.containerd.snapshotter.v1.%' AND detail NOT LIKE '%overlayfs%')
      AND NOT (contains(message, 'plugin')
               AND regexp_matches(message, 'skip plugin|skip loading plugin|must be an? \w+ filesystem|not supported')
               AND NOT regexp_matches(message, 'snapshotter\.v1\.overlayfs|graphdriver'))
)
SELECT h.bundle_id, d.storage_driver, d.backing_filesystem, d.supports_d_type, d.data_loop_file,
       concat_ws(chr(10),
           CASE WHEN d.data_loop_file IS NOT NULL THEN 'Storage Driver: ' || d.storage_driver || ' on loop file ' || d.data_loop_file END,
           CASE WHEN d.supports_d_type = false THEN 'Supports d_type: false (backing filesystem ' || coalesce(d.backing_filesystem, '?') || ')' END,
           CASE WHEN d.storage_driver LIKE 'overlay%' AND h.kernel_release SIMILAR TO '3\.10\.0-(123|229|327)\..*'
                THEN 'overlay on kernel ' || h.kernel_release || ' (needs 3.10.0-514 or later)' END,
           (SELECT array_to_string(list(raw ORDER BY ts)[1:2], chr(10)) FROM storage_errors e
             WHERE e.bundle_id = h.bundle_id)) AS evidence
-- from hosts: a node with containerd and no docker has no docker_info row, but its logs count
FROM hosts h LEFT JOIN docker_info d USING (bundle_id)
WHERE d.data_loop_file IS NOT NULL OR d.supports_d_type = false
   OR (d.storage_driver LIKE 'overlay%' AND h.kernel_release SIMILAR TO '3\.10\.0-(123|229|327)\..*')
   OR EXISTS (SELECT 1 FROM storage_errors e WHERE e.bundle_id = h.bundle_id)
