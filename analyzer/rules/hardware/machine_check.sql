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
SELECT bundle_id, occurrences, first_seen, last_seen, evidence
FROM event_counts WHERE kind = 'mce'
