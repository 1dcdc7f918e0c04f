/*
title: Filesystem nearly full: space or inodes of /, /var, or the container or etcd volume
severity: high
description: A filesystem the node cannot work without is 90% or more used, in bytes or in
  inodes. At that point kubelet's default hard eviction (nodefs.available < 10%, inodesFree
  < 5%) starts killing pods and image garbage collection (85%) deletes images it will pull
  again; docker and containerd fail to create containers ('no space left on device', also
  when only inodes are out); etcd raises its NOSPACE alarm and turns the cluster read-only.
  Small files exhaust inodes long before bytes: overlay layers and logs do.
remediation: Free space (docker system prune / crictl rmi --prune, rotate logs, remove old
  etcd snapshots and defragment etcd), or grow the volume; for inodes, find the directory with
  the most files (du --inodes) and clean it up. Keep /var/lib/docker, /var/lib/containerd and
  /var/lib/etcd on volumes of their own.
references: https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/,
  https://etcd.io/docs/v3.5/op-guide/maintenance/#space-quota
tags: storage, kubernetes, containers, etcd
*/
SELECT bundle_id, max(used_pct) AS used_pct,
       string_agg(CASE WHEN unit = 'bytes'
                       THEN printf('%s (%s): %.0f%% of %.1f GiB used, %.1f GiB left', mountpoint, filesystem, used_pct,
                                   size / 1073741824, available / 1073741824)
                       ELSE printf('%s (%s): %.0f%% of %d inodes used, %d left', mountpoint, filesystem, used_pct,
                                   size, available) END, chr(10) ORDER BY mountpoint, unit) AS evidence
FROM filesystems
WHERE used_pct >= 90
  AND mountpoint IN ('/', '/var', '/var/lib', '/var/log', '/var/lib/docker', '/var/lib/containerd',
                     '/var/lib/kubelet', '/var/lib/etcd')
GROUP BY bundle_id
