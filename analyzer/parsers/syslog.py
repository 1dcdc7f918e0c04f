"""Syslog-format logs: /var/log/messages, syslog, kern.log (rotated too) and journalctl output.

Sample input::

    Jul 10 09:40:06 node5 kernel: connection4:0: detected conn error (1022)
    Feb 11 18:58:28 juju-k8s-4 kernel: [    0.000000] Linux version 5.4.0-99-generic ...
    May 30 17:38:01 harbortest etcd: read-only range request "key:..." took too long (186.374578ms) to execute
    2022-02-11T18:58:28.123456+00:00 node1 systemd[1]: Started Kubernetes Kubelet.
    -- Logs begin at Fri 2022-02-11 18:58:21 UTC, end at Fri 2022-02-11 19:23:43 UTC. --

    Jul 27 14:41:57 combo syslogd 1.4.1: restart.

    [27742.909353] Out of memory: Killed process 955 (gnome-shell)

Example: the first line gives ts_raw 'Jul 10 09:40:06', hostname 'node5', program
'kernel', message 'connection4:0: detected conn error (1022)'. A kernel line's
printk time ('[    0.000000] ') goes to uptime_s and is cut from the message, with
any printk level ('<4>') and caller id ('[ T5855]'), so it reads the same as in
dmesg. A line with no syslog head that starts with a printk time (the last
sample: a kern.log written by `dmesg` or a console, not by syslogd) is a kernel
line as in dmesg: program 'kernel', its uptime_s, the message after the stamp.
Lines of no known shape keep their text as message.
The year, which classic syslog omits, is filled in after loading (see timestamps.py).
"""
from sosql.parsers._lines import PRINTK_CALLER, PRINTK_LEVEL, lines_table, select, sql_string, uptime_sql

KIND = "log"

# The line's head: stamp, host and tag, or else a kernel line's bare printk stamp (dmesg's
# own format, which some kern.log files hold). Only the head goes through the regex (one
# capture group: several groups cost a capture pass each); its parts are then cut
# out of the short head with plain string functions, and the message is the rest.
HEAD = (
    r"^((?:<\d+>)?"
    r"(?:(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"                     # Jul 10 09:40:06
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)"  # ISO 8601
    r" \S+ "                                                         # host
    r"(?:[^\s:\[]+(?: \d[\d.]*)?(?:\[\d+\])?: ?)?"                    # program[pid]: or syslogd 1.4.1:
    rf"|\[\s*\d+\.\d+\](?:{PRINTK_CALLER})? ?(?:{PRINTK_LEVEL})?))"      # or [ 12.345678][ T55] <4>
)
# A kernel line's own prefix after the tag: printk level, seconds since boot, caller id.
PRINTK_HEAD = rf"^(?:{PRINTK_LEVEL})?(?:\[\s*(\d+\.\d+)\](?:{PRINTK_CALLER})? ?)?(?:{PRINTK_LEVEL})?"

SQL = f"""
WITH heads AS (
    SELECT line_no, raw, regexp_extract(raw, {sql_string(HEAD)}, 1) AS head FROM lines WHERE raw <> ''
), stamped AS (      -- h: the head without its <priority>. A classic stamp starts with a capital, an ISO
                     -- one with a digit, a bare printk stamp with '[' (sorting after both: h >= '[')
    SELECT *, CASE WHEN h = '' OR h >= '[' THEN NULL WHEN h < 'A' THEN split_part(h, ' ', 1) ELSE left(h, 15) END AS ts_raw
    FROM (SELECT *, CASE WHEN starts_with(head, '<') THEN substr(head, instr(head, '>') + 1) ELSE head END AS h
          FROM heads)
), tagged AS (
    SELECT *, substr(h, length(ts_raw) + length(host) + 3) AS tag,
           CASE WHEN head = '' THEN raw ELSE substr(raw, length(head) + 1) END AS rest
    FROM (SELECT *, split_part(substr(h, length(ts_raw) + 2), ' ', 1) AS host FROM stamped)
)
SELECT line_no, ts_raw,
       CASE WHEN printk THEN {uptime_sql(f"nullif(regexp_extract(rest, {sql_string(PRINTK_HEAD)}, 1), '')")}
            WHEN h >= '[' THEN {uptime_sql("trim(split_part(substr(h, 2), ']', 1))")} END AS uptime_s,
       nullif(host, '') AS hostname,
       coalesce(nullif(split_part(split_part(tag, '[', 1), ':', 1), ''), CASE WHEN h >= '[' THEN 'kernel' END) AS program,
       CASE WHEN contains(tag, '[') THEN try_cast(split_part(split_part(tag, '[', 2), ']', 1) AS BIGINT) END AS pid,
       CASE WHEN printk THEN regexp_replace(rest, {sql_string(PRINTK_HEAD)}, '') ELSE rest END AS message,
       raw
FROM (SELECT *, ts_raw IS NOT NULL AND (starts_with(rest, '[') OR starts_with(rest, '<')) AS printk FROM tagged)
"""


def parse(chunks):
    for first_line_no, text in chunks:
        yield select(SQL, lines_table(first_line_no, text))
