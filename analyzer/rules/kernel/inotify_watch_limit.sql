/*
title: inotify watch limit reached: watchers fail with "no space left on device"
severity: medium
description: `Failed to watch directory ... no space left on device` comes from inotify,
  not the disk: fs.inotify.max_user_watches (8192 by default on older systems) is used up.
  kubelet, containerd and log shippers then miss file changes.
remediation: Raise fs.inotify.max_user_watches (e.g. 524288) and max_user_instances in
  /etc/sysctl.d/.
references: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
tags: kernel, kubernetes, sysctl
optional: sysctls
*/
SELECT e.bundle_id, count(*) AS occurrences,
       min(s.value) AS max_user_watches,
       first_lines(e.raw, e.ts, e.line_no, 3)
         || coalesce(chr(10) || 'fs.inotify.max_user_watches = ' || min(s.value), '') AS evidence
FROM events e LEFT JOIN sysctls s ON s.bundle_id = e.bundle_id AND s.name = 'fs.inotify.max_user_watches'
WHERE e.kind = 'inotify_limit'
GROUP BY e.bundle_id
