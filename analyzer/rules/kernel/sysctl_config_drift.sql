/*
title: Kernel parameters running with another value than configured
severity: low
description: A parameter set in /etc/sysctl.conf or a sysctl.d file does not have that value
  now. Either something changed it since boot (by hand, a tuning daemon, an agent or a
  container runtime), or the setting never applied (a typo, a module that was not loaded
  when the file was read, a comment on the value's line). Either way the node behaves
  differently from what its configuration says, and will change at the next reboot.
remediation: Decide which value is right, then make the files say it (`sysctl --system`
  applies them now) or find what changes it at run time. When two files set the same
  parameter, the later file name wins (/etc/sysctl.conf last).
references: https://www.freedesktop.org/software/systemd/man/latest/sysctl.d.html
tags: kernel, configuration
*/
WITH lines AS (      -- systemd-sysctl: files of all folders in name order; of one name, the most trusted folder's
    SELECT *, regexp_extract(path, '[^/]+$') AS file, ends_with(path, 'etc/sysctl.conf') AS main_file,
           list_position(['etc', 'run', 'usr/local/lib', 'usr/lib', 'lib'],
                         regexp_extract(path, '(etc|run|usr/local/lib|usr/lib|lib)/sysctl\.d/[^/]+$', 1)) AS folder
    FROM sysctl_config
), read AS (
    SELECT * FROM lines l
    WHERE main_file OR folder = (SELECT min(folder) FROM lines o
                                 WHERE o.bundle_id = l.bundle_id AND o.file = l.file AND NOT o.main_file)
), last_set AS (     -- a later file, then a later line, wins; /etc/sysctl.conf is read last
    SELECT *, row_number() OVER (PARTITION BY bundle_id, name ORDER BY main_file DESC, file DESC, line_no DESC) AS n
    FROM read
)
SELECT c.bundle_id, count(*) AS parameters,
       string_agg(c.name || ': running ' || s.value || ', configured ' || c.value || ' in ' || c.path || ':' || c.line_no,
                  chr(10) ORDER BY c.name) AS evidence
FROM last_set c JOIN sysctls s ON s.bundle_id = c.bundle_id AND s.name = c.name
WHERE c.n = 1 AND s.value <> c.value
  AND try_cast(s.value AS HUGEINT) IS DISTINCT FROM try_cast(c.value AS HUGEINT)
GROUP BY c.bundle_id
