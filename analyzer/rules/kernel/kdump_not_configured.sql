/*
title: The node panicked with no crash dump (kdump) set up
severity: medium
description: A kernel panic or hard lockup leaves its cause in a vmcore only when kdump
  has memory reserved at boot (`crashkernel=` on the kernel command line, and the
  reservation succeeded). This node crashed while booted without it, or the reservation
  failed, so the next crash will leave nothing to analyse beyond the last log lines.
remediation: Add `crashkernel=auto` (RHEL 7/8) or a size such as `crashkernel=512M` to
  the kernel command line (grubby --update-kernel=ALL --args=..., or GRUB_CMDLINE_LINUX
  and update-grub), enable kdump (`systemctl enable --now kdump`, kdump-tools on
  Debian/Ubuntu), reboot, and check `kdumpctl status`.
references: https://docs.kernel.org/admin-guide/kdump/kdump.html
tags: kernel, crash
optional: log_lines
*/
WITH crashed AS (
    SELECT bundle_id, count(*) AS crashes, arg_min(raw, (coalesce(ts, TIMESTAMP '9999-01-01'), path, line_no)) AS first_crash
    FROM events WHERE kind IN ('kernel_panic', 'hard_lockup') GROUP BY bundle_id
), failed AS (
    SELECT DISTINCT bundle_id FROM log_lines
    WHERE program = 'kernel'      -- RHEL's crashkernel=auto reserves nothing below its memory threshold
      AND (message LIKE 'crashkernel reservation failed%'
           OR message LIKE '%crashkernel=auto resulted in zero bytes of reserved memory%')
)
SELECT c.bundle_id, c.crashes,
       CASE WHEN f.bundle_id IS NOT NULL THEN 'the crashkernel reservation failed at boot'
            ELSE 'booted without crashkernel=: ' || h.kernel_cmdline END || chr(10) || c.first_crash AS evidence
FROM crashed c JOIN hosts h USING (bundle_id) LEFT JOIN failed f USING (bundle_id)
WHERE h.kernel_cmdline IS NOT NULL
  AND (NOT regexp_matches(h.kernel_cmdline, '(^| )crashkernel=') OR f.bundle_id IS NOT NULL)
