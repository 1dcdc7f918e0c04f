/*
title: Kernel build on the known-bad list
severity: high
description: The node runs a kernel release listed in known_bad_kernels.csv (shipped
  with sosql; add your own rows in a known_bad_kernels.csv in a --rules folder): builds
  seen to panic or lock up in the field.
remediation: Upgrade to a build not on the list; the list's reason column says why it is there.
references: https://bugs.centos.org/view.php?id=12636
tags: kernel, inventory
*/
SELECT h.bundle_id,
       h.kernel_release,
       k.reason,
       k.reference,
       h.kernel_release || ' matches known-bad pattern ' || k.pattern || ': ' || k.reason AS evidence
FROM hosts h JOIN known_bad_kernels k ON h.kernel_release LIKE replace(k.pattern, '*', '%')
