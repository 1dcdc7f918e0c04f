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
SELECT bundle_id, occurrences, first_seen, last_seen, evidence
FROM event_counts WHERE kind = 'iscsi_no_session'
