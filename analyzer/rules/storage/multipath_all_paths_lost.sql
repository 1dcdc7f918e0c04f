/*
title: Multipath device lost all its paths: its LUN is unreachable
severity: critical
description: `mpatha: remaining active paths: 0` means multipathd has no working path left to
  the LUN: I/O to it queues (`queue_if_no_path`, processes hang in D state) or fails
  (filesystems on it go read-only, databases crash) until a path comes back.
remediation: Restore connectivity to the array (SAN switch, zoning, HBA, array controllers),
  then check `multipath -ll` shows active paths; filesystems that went read-only need a
  remount or fsck after.
references: https://man7.org/linux/man-pages/man5/multipath.conf.5.html
tags: storage, multipath, san
*/
SELECT bundle_id, count(*) AS occurrences, string_agg(DISTINCT detail, ', ' ORDER BY detail) AS maps,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'multipath_no_paths' GROUP BY bundle_id
