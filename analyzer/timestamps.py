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

MACROS = (
    "CREATE OR REPLACE TEMP MACRO sosql_t0(raw) AS try_strptime('2000 ' || raw, '%Y %b %d %H:%M:%S')",
    "CREATE OR REPLACE TEMP MACRO sosql_in_year(t, y) AS "
    "try(make_timestamp(y, month(t), day(t), hour(t), minute(t), second(t)))",
    # Feb 29 exists in some years only: try the years one by one (slow, and rare).
    "CREATE OR REPLACE TEMP MACRO sosql_leap_day_ts(raw, collected) AS "
    "CASE WHEN sosql_in_year(sosql_t0(raw), year(collected)) IS NULL "
    "       OR sosql_in_year(sosql_t0(raw), year(collected)) > collected + INTERVAL 1 DAY "
    "     THEN sosql_in_year(sosql_t0(raw), year(collected) - 1) "
    "     ELSE sosql_in_year(sosql_t0(raw), year(collected)) END",
    # Any other day: shift the stamp parsed in 2000 by whole years (vectorized arithmetic).
    "CREATE OR REPLACE TEMP MACRO sosql_syslog_ts(raw, collected) AS CASE "
    "  WHEN raw LIKE 'Feb 29%' THEN sosql_leap_day_ts(raw, collected) "
    "  WHEN sosql_t0(raw) + to_years(year(collected) - 2000) > collected + INTERVAL 1 DAY "
    "  THEN sosql_t0(raw) + to_years(year(collected) - 2001) "
    "  ELSE sosql_t0(raw) + to_years(year(collected) - 2000) END",
    # Each shape of stamp goes to its own conversion (a CASE, so that no line pays for the
    # others' parsing): ISO starts with a digit, dmesg -T's is longer than classic's.
    r"""CREATE OR REPLACE TEMP MACRO sosql_ts(ts_raw, uptime_s, collected, boot) AS coalesce(CASE
        WHEN ts_raw IS NULL THEN NULL
        WHEN ts_raw < 'A' THEN try_cast(replace(regexp_extract(ts_raw, '^\d{4}-\d\d-\d\dT[\d:.]+'), 'T', ' ')
                                        AS TIMESTAMP)
        WHEN length(ts_raw) > 15 THEN try_strptime(ts_raw, '%a %b %d %H:%M:%S %Y')
        ELSE sosql_syslog_ts(ts_raw, collected) END,
    boot + to_microseconds(CAST(uptime_s * 1000000 AS BIGINT)))""",
)

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
