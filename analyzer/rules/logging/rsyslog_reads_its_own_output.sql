/*
title: rsyslog reads a file it writes itself: a logging loop
severity: medium
description: An imfile input reads a log file that one of rsyslog's own actions writes (for
  example /var/log/syslog). Every line read is logged again and written to the same file,
  which is read again: the file and the disk fill up, rsyslog's CPU climbs and the real
  messages drown among copies of themselves.
remediation: Remove the imfile input for that file, or send what it reads only to other
  destinations (a ruleset with its own actions, ending with stop).
references: https://www.rsyslog.com/doc/configuration/modules/imfile.html
tags: logging, configuration
requires: rsyslog_files
*/
SELECT r.bundle_id, count(DISTINCT r.file) AS files,
       string_agg(DISTINCT r.file || ' read at ' || r.path || ':' || r.line_no || ', written at ' || w.path || ':'
                  || w.line_no, chr(10) ORDER BY r.file || ' read at ' || r.path || ':' || r.line_no || ', written at '
                  || w.path || ':' || w.line_no) AS evidence
FROM rsyslog_files r JOIN rsyslog_files w ON w.bundle_id = r.bundle_id AND w.file = r.file AND w.direction = 'writes'
WHERE r.direction = 'reads'
GROUP BY r.bundle_id
