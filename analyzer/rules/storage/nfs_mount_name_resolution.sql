/*
title: NFS mounts failed: the server name did not resolve
severity: high
description: `mount.nfs: Failed to resolve server filesrv23: Name or service not known` (or
  `Temporary failure in name resolution`) means an NFS mount, often from /etc/fstab at boot,
  failed because DNS could not resolve the server's name: the share is not mounted and what
  needs it writes to the empty mount point or fails.
remediation: Check the server name in /etc/fstab or the automounter map, and that DNS answers
  for it (`getent hosts NAME`); at boot, order the mount after the network and resolver
  (`_netdev`, `x-systemd.requires=network-online.target`) or use an IP address; then mount again.
references: https://man7.org/linux/man-pages/man5/nfs.5.html
tags: storage, nfs, dns
*/
SELECT bundle_id, count(*) AS failures, string_agg(DISTINCT device, ', ' ORDER BY device) AS servers,
       string_agg(DISTINCT detail, ', ' ORDER BY detail) AS errors,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'nfs_name_resolution' GROUP BY bundle_id
