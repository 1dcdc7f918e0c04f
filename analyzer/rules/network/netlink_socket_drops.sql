/*
title: Netlink sockets dropped messages: a process missed kernel notifications
severity: medium
description: /proc/net/netlink counts, per socket, the messages the kernel could not queue
  because the socket's receive buffer was full. The process behind it (a routing or network
  daemon, Open vSwitch, udev, auditd, a CNI agent) missed route, link, address, uevent or
  audit messages and may act on a stale picture of the node until it resyncs. The socket's
  Pid is its netlink port id: the owning process's pid for its first socket, 0 for the
  kernel's own sockets.
remediation: Find the process (named where ps was collected, else `ss -f netlink -p`, or
  the socket's inode among the fd links of /proc/PID/fd), check it for stalls or a known bug,
  give it a bigger receive buffer (its own option, or net.core.rmem_max/rmem_default), and
  restart it to resync.
references: https://man7.org/linux/man-pages/man7/netlink.7.html
tags: network, kernel
optional: processes
*/
WITH procs AS (
    SELECT bundle_id, pid, min(program) AS program FROM processes GROUP BY bundle_id, pid
)
SELECT s.bundle_id, count(*) AS sockets, sum(s.drops) AS drops,
       string_agg(printf('netlink socket of pid %s%s, protocol %s, inode %s: %d messages dropped',
                         coalesce(CAST(s.pid AS VARCHAR), '?'), coalesce(' (' || p.program || ')', ''),
                         coalesce(CAST(s.protocol AS VARCHAR), '?'), coalesce(CAST(s.inode AS VARCHAR), '?'),
                         s.drops), chr(10) ORDER BY s.drops DESC, s.pid) AS evidence
FROM netlink_sockets s LEFT JOIN procs p ON p.bundle_id = s.bundle_id AND p.pid = s.pid AND s.pid > 0
WHERE s.drops > 0
GROUP BY s.bundle_id
