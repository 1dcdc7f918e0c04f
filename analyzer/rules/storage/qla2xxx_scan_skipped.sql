/*
title: QLogic FC ports not scanned: their LUNs are missing
severity: medium
description: `qla2xxx [0000:04:00.0]-0122:1: skipping scsi_scan_host() for non-initiator port`
  means the qla2xxx driver brought the Fibre Channel port up in target (or disabled) mode, not
  as an initiator, so the kernel did not scan it for LUNs: the disks and multipath paths behind
  that port do not exist on this node.
remediation: Set the qla2xxx module option `qlini_mode=enabled` (e.g. in /etc/modprobe.d,
  then rebuild the initramfs) unless the port is meant to be a SCSI target, and rescan or
  reboot; check `multipath -ll` shows every expected path.
references: https://github.com/torvalds/linux/blob/master/drivers/scsi/qla2xxx/qla_os.c
tags: storage, san, hardware
*/
SELECT bundle_id, count(*) AS occurrences, string_agg(DISTINCT device || ' host ' || detail, ', '
                                                      ORDER BY device || ' host ' || detail) AS ports,
       first_lines(raw, ts, line_no, 5) AS evidence
FROM events WHERE kind = 'qla2xxx_scan_skipped' GROUP BY bundle_id
