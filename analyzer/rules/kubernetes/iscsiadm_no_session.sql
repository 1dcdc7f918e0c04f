/*
title: iscsiadm finds no session when kubelet rescans an iSCSI volume
severity: medium
description: `iscsiadm: No session found` on rescan: the iSCSI session for a volume is gone
  (target restarted, network cut), so the volume's I/O fails until it is logged in again.
remediation: Check the target and `iscsiadm -m session`; log the session in again and
  restart the pod using the volume.
references: https://github.com/open-iscsi/open-iscsi
tags: kubernetes, storage, iscsi
*/
SELECT bundle_id, count(*) AS occurrences, array_to_string(list(raw ORDER BY ts, line_no)[1:3], chr(10)) AS evidence
FROM events WHERE kind = 'iscsi_no_session' GROUP BY bundle_id
