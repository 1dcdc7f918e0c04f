/*
title: Soft lockup seconds after iSCSI connection errors: the storage path stalled the node
severity: high
description: iSCSI connection errors (`ping timeout`, `detected conn error (1022)`) followed
  within two minutes by a soft lockup on the same host: the lockup is a symptom of the
  storage path (a VM's virtual NIC or the iSCSI target such as openebs/jiva hanging), not
  the application named in the lockup line.
remediation: Look at the storage path first: the iSCSI target's health, the network
  between node and target, the hypervisor (VMware) host. Raise iSCSI timeouts
  (node.session.timeo.replacement_timeout, noop_out_timeout) if the target is slow but sound.
references: https://docs.openebs.io/docs/next/troubleshooting.html
tags: kernel, lockup, storage, iscsi
*/
SELECT bundle_id,
       count(*) AS pairs,
       min(seconds_between) AS seconds_to_lockup,
       min(first_ts) AS first_iscsi_error,
       arg_min(first_raw || chr(10) || then_raw, (first_ts, then_ts, first_raw, then_raw)) AS evidence   -- the first pair
FROM events_near('iscsi_conn_error', 'soft_lockup', 120)
GROUP BY bundle_id
