/*
title: rsyslog reads a file it writes itself: a logging loop
severity: medium
description: An imfile input reads a log file that rsyslog itself writes: one its own actions
  name, or the system log its distribution's default configuration writes (/var/log/syslog
  and kern.log on Debian and Ubuntu, /var/log/messages on Red Hat and SUSE). Every line read
  is logged again and written to the same file, which is read again: the file and the disk
  fill up, rsyslog's CPU climbs and the real messages drown among copies of themselves.
remediation: Remove the imfile input for that file, or send what it reads only to other
  destinations (a ruleset with its own actions, ending with stop).
references: https://www.rsyslog.com/doc/configuration/modules/imfile.html
tags: logging, configuration
*/
WITH written AS (
    SELECT bundle_id, file, path || ':' || line_no AS where_written FROM rsyslog_files WHERE direction = 'writes'
    UNION ALL    -- what the stock configurations write, whether or not the bundle holds them
    SELECT DISTINCT bundle_id, unnest(['/var/log/syslog', '/var/log/messages', '/var/log/kern.log']),
           'the default configuration' FROM rsyslog_files
), loops AS (
    SELECT r.bundle_id, w.file, r.path || ':' || r.line_no AS where_read, min(w.where_written) AS where_written
    FROM rsyslog_files r JOIN written w ON w.bundle_id = r.bundle_id
         AND (w.file = r.file       -- or a wildcard of imfile's (File="/var/log/*.log") that takes it in
              OR (contains(r.file, '*')
                  AND regexp_matches(w.file, '^' || replace(replace(r.file, '.', '\.'), '*', '[^/]*') || '$')))
    WHERE r.direction = 'reads' GROUP BY ALL
)
SELECT bundle_id, count(DISTINCT file) AS files,
       string_agg(file || ' read at ' || where_read || ', written by ' || where_written, chr(10) ORDER BY file, where_read)
           AS evidence
FROM loops GROUP BY bundle_id
