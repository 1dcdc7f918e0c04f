/*
title: Clock not synchronized
severity: medium
description: timedatectl, chronyc tracking, ntpstat, ntptime (the kernel's UNSYNC flag) or
  ntpq -p (no selected '*' peer) says the clock is not synchronized. Clock skew
  between nodes breaks TLS and leases and makes storage complain (glusterfs and solr:
  `Underlying file changed by an external force`).
remediation: Run chronyd or ntpd with reachable servers on every node and check that it
  synchronizes (chronyc tracking).
references: https://chrony.tuxfamily.org/documentation.html
tags: time
*/
SELECT bundle_id, clock_source,
       clock_source || ' says the clock is not synchronized' || coalesce(' (time zone ' || timezone || ')', '') AS evidence
FROM hosts WHERE clock_synchronized = false
