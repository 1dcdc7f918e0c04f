/*
title: bcache registration deadlock: a cache set hangs while it registers
severity: high
description: A hung task report of `bcache-register`, or one whose call trace runs through
  `register_bcache` and bcache's btree or journal (`bch_btree_*`, `bch_journal_*`), is the
  cache set registration deadlock of kernels before 5.15.11 (journal replay needs a btree split
  that waits on the journal): the bcache devices never appear, and the disks (Ceph OSDs, LVM)
  on top of them do not come up.
remediation: Upgrade to a kernel with the fix (5.15.11 or later, or a distribution kernel that
  backported it); a reboot may get past it once.
references: https://www.spinics.net/lists/stable/msg566639.html
tags: kernel, hang, storage, bcache
*/
SELECT bundle_id, count(*) AS reports, string_agg(DISTINCT process, ', ' ORDER BY process) AS processes,
       string_agg(DISTINCT title, chr(10) ORDER BY title) AS evidence
FROM crashes
WHERE kind = 'hung_task'
  AND (process = 'bcache-register' OR title LIKE 'INFO: task bcache-register:%'
       OR (list_contains(frames, 'register_bcache')
           AND regexp_matches(array_to_string(frames, ' '), 'bch_btree|bch_journal')))
GROUP BY bundle_id
