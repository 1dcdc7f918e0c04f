/*
title: iSCSI volumes on a node without the iSCSI initiator installed
severity: high
description: kubelet mounts iSCSI volumes (openebs, other iSCSI storage) with iscsiadm. Without
  the initiator package it fails with `iscsi: could not read iface default` and
  `executable file not found in $PATH`; the pod stays in Init.
remediation: Install the initiator (iscsi-initiator-utils on RHEL/CentOS, open-iscsi on
  Debian/Ubuntu) and start iscsid on every node that may run such pods.
references: https://docs.openebs.io/docs/next/prerequisites.html
tags: kubernetes, storage, iscsi
optional: packages
*/
SELECT e.bundle_id, count(*) AS occurrences,
       first_lines(e.raw, e.ts, e.line_no, 3) AS evidence
FROM events e
WHERE e.kind = 'iscsi_missing'
  AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.bundle_id = e.bundle_id
                  AND p.name IN ('iscsi-initiator-utils', 'open-iscsi'))
GROUP BY e.bundle_id
