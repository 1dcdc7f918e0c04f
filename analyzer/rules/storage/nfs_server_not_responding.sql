/*
title: NFS server not responding: processes using its mounts hang
severity: high
description: `nfs: server X not responding, still trying` means the NFS client got no answer
  from the server for a while: on a hard mount (the default) every process touching the share
  blocks in D state until it answers (hung tasks follow), on a soft mount I/O fails. `nfs:
  server X OK` says it answered again; the finding says whether the last outage ended.
remediation: Check the server and the network path to it (firewall, MTU, bonding); when the
  outages repeat, look at the server's load and its nfsd threads. A server that never came back
  needs the mounts unmounted (`umount -f -l`) or the server restored.
references: https://man7.org/linux/man-pages/man5/nfs.5.html
tags: storage, nfs
*/
SELECT bundle_id, device AS server, count(*) FILTER (kind = 'nfs_not_responding') AS outages,
       count(*) FILTER (kind = 'nfs_server_ok') AS recoveries,
       coalesce(max(ts) FILTER (kind = 'nfs_server_ok') >= max(ts) FILTER (kind = 'nfs_not_responding'),
                max(line_no) FILTER (kind = 'nfs_server_ok') > max(line_no) FILTER (kind = 'nfs_not_responding'),
                false) AS recovered,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind IN ('nfs_not_responding', 'nfs_server_ok')
GROUP BY bundle_id, device HAVING count(*) FILTER (kind = 'nfs_not_responding') > 0
