/*
title: Tasks hung waiting for a fanotify listener (antivirus, file access monitors)
severity: high
description: Hung task reports whose call trace runs through fanotify (`fanotify_handle_event`,
  `fanotify_get_response`): the blocked processes were opening or reading files and waiting for
  a permission-event listener to allow it, nearly always an antivirus or endpoint security agent
  (or an audit tool) that stopped answering. Every file access on the node can stall behind it.
remediation: Find the fanotify listener (`lsof` lists its `anon_inode:[fanotify]` descriptors;
  often a security agent's service), update or restart it, or exclude busy paths from its
  scanning; ask its vendor about the hang.
references: https://man7.org/linux/man-pages/man7/fanotify.7.html
tags: kernel, hang, security
*/
SELECT bundle_id, count(*) AS reports, string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       string_agg(DISTINCT title, chr(10) ORDER BY title) AS evidence
FROM crashes
WHERE kind = 'hung_task' AND array_to_string(frames, ' ') LIKE '%fanotify%'
GROUP BY bundle_id
