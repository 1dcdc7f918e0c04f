"""Absolute times for log lines, filled in once a bundle's collection and boot times are known.

Rules, in order of trust:
1. ISO 8601 stamps (rsyslog high precision, journal short-iso): the wall clock as written.
2. `dmesg -T` stamps ('Mon Jul 10 09:40:13 2017').
3. Classic syslog ('Jul 10 09:40:06') has no year: take the collection year, and
   the year before when that would put the line more than a day after collection
   (so a January bundle's December lines land in the previous year). Without a
   collection time, logyear.py gives a stand-in for it (the journal header's end, ...)
   and the bundle says the year was guessed.
4. printk seconds since boot (dmesg): boot time + seconds.
Times are node local, as the logs write them. Lines none of these fit keep ts NULL.
"""


# Where the parameters are a bundle's collection and boot times (NULL when unknown).
EXPRESSION = "sosql_ts(ts_raw, uptime_s, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))"

# Logs are usually stored with their times already (the loader computes EXPRESSION from
# the facts read before them), so this touches only the lines the final facts change.
FILL = """
UPDATE log_lines SET ts = sosql_ts(ts_raw, uptime_s, CAST($collected AS TIMESTAMP), CAST($boot AS TIMESTAMP))
WHERE bundle_id = $bundle_id
  AND ts IS DISTINCT FROM sosql_ts(ts_raw, uptime_s, CAST($collected AS TIMESTAMP), CAST($boot AS TIMESTAMP))
"""


def fill(store, bundle_id, collected_at, boot_time):
    """Set log_lines.ts for one bundle wherever the rules above can derive it."""
    store.execute(FILL, {"bundle_id": bundle_id, "collected": collected_at, "boot": boot_time})
