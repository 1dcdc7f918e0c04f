/*
title: No DNS resolver configured: lookups go to localhost and are refused
severity: high
description: /etc/resolv.conf has no nameserver line, so the resolver asks [::1]:53 or
  127.0.0.1:53 where nothing listens: `lookup auth.docker.io on [::1]:53: ... connection
  refused`. Image pulls fail, and pods with dnsPolicy Default inherit the broken file.
remediation: Add a nameserver to /etc/resolv.conf (or fix NetworkManager/systemd-resolved
  that writes it).
references: https://man7.org/linux/man-pages/man5/resolv.conf.5.html
tags: network, dns
optional: events
*/
SELECT h.bundle_id,
       (SELECT count(*) FROM events e WHERE e.bundle_id = h.bundle_id AND e.kind = 'dns_lookup_failure') AS failed_lookups,
       concat_ws(chr(10),
           CASE WHEN h.nameservers = '' THEN '/etc/resolv.conf has no nameserver line' END,
           (SELECT first_lines(raw, ts, line_no, 3) FROM events e
            WHERE e.bundle_id = h.bundle_id AND e.kind = 'dns_lookup_failure'
              AND (e.device LIKE '[::1]:%' OR e.device LIKE '127.%'))) AS evidence
FROM hosts h
WHERE h.nameservers = ''
   OR EXISTS (SELECT 1 FROM events e WHERE e.bundle_id = h.bundle_id AND e.kind = 'dns_lookup_failure'
              AND (e.device LIKE '[::1]:%' OR e.device LIKE '127.%') AND e.raw LIKE '%connection refused%')
