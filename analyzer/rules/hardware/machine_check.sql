/*
title: Machine check / hardware errors
severity: high
description: The CPU or memory controller reported a hardware error (MCE). Corrected errors
  that repeat predict uncorrected ones, which crash the node.
remediation: Decode with mcelog/rasdaemon, check the DIMM or CPU named, and have the hardware
  replaced if errors repeat.
references: https://www.kernel.org/doc/html/latest/admin-guide/ras.html
tags: hardware
*/
SELECT bundle_id, count(*) AS occurrences, array_to_string(list(raw ORDER BY ts, line_no)[1:5], chr(10)) AS evidence
FROM events WHERE kind = 'mce' GROUP BY bundle_id
