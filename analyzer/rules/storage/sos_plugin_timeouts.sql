/*
title: The sos report is incomplete: plugins or commands timed out
severity: medium
description: sos stops a plugin that runs past its time limit (300 s by default) and moves
  on: every file the plugin had not written yet is missing from the report. A missing
  firewall listing, process list or log then looks like a healthy node to any analysis,
  sosql's rules included. Slow commands are themselves a symptom (a hung NFS mount, a
  kernel lock, thousands of network namespaces).
remediation: Read the plugin's missing sources in `sosql sources HOST --status missing`;
  collect again with a longer limit (`sos report --plugin-timeout 900`, or `-k
  networking.timeout=900`) or only the missing plugins (`sos report -o networking`).
references: https://github.com/sosreport/sos/blob/main/man/en/sos-report.1
tags: collection, sos
optional: collection_problems
*/
SELECT bundle_id,
       count(DISTINCT plugin) FILTER (problem = 'plugin_timeout') AS plugins,
       count(DISTINCT detail) FILTER (problem = 'command_timeout') AS commands,
       string_agg(DISTINCT CASE WHEN problem = 'plugin_timeout' THEN 'plugin ' || plugin || ' timed out'
                                ELSE 'plugin ' || plugin || ': command ''' || detail || ''' timed out' END,
                  chr(10) ORDER BY CASE WHEN problem = 'plugin_timeout' THEN 'plugin ' || plugin || ' timed out'
                                        ELSE 'plugin ' || plugin || ': command ''' || detail || ''' timed out' END)
           AS evidence
FROM collection_problems GROUP BY bundle_id
