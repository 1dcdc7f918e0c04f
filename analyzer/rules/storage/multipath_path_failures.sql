/*
title: Multipath paths failed: storage redundancy lost
severity: medium
description: multipathd marked paths of a multipath device as failed (`sdb: mark as failed`,
  `checker failed path 8:16 in map mpatha`) or the kernel failed them (`device-mapper:
  multipath: Failing path 8:16.`). I/O goes on over the remaining paths, but one more failure
  (a switch, an HBA, a controller) takes the LUN away; paths that fail and come back over and
  over (flapping) also stall I/O while they switch.
remediation: Check the paths named with `multipath -ll`: cabling, SAN switch ports, HBA
  firmware and the array's controllers; fix the failed path before the next one goes.
references: https://man7.org/linux/man-pages/man8/multipathd.8.html
tags: storage, multipath, san
*/
SELECT bundle_id, count(*) AS failures, string_agg(DISTINCT device, ', ' ORDER BY device) AS paths,
       string_agg(DISTINCT detail, ', ' ORDER BY detail) AS maps,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'multipath_path_failed' GROUP BY bundle_id
