"""Syslog-format logs: /var/log/messages, syslog, kern.log (rotated too) and journalctl output.

Sample input::

    Jul 10 09:40:06 node5 kernel: connection4:0: detected conn error (1022)
    Feb 11 18:58:28 juju-k8s-4 kernel: [    0.000000] Linux version 5.4.0-99-generic ...
    May 30 17:38:01 harbortest etcd: read-only range request "key:..." took too long (186.374578ms) to execute
    2022-02-11T18:58:28.123456+00:00 node1 systemd[1]: Started Kubernetes Kubelet.
    -- Logs begin at Fri 2022-02-11 18:58:21 UTC, end at Fri 2022-02-11 19:23:43 UTC. --

    Jul 27 14:41:57 combo syslogd 1.4.1: restart.

Example: the first line gives ts_raw 'Jul 10 09:40:06', hostname 'node5', program
'kernel', message 'connection4:0: detected conn error (1022)'. A kernel line's
printk time ('[    0.000000] ') goes to uptime_s and is cut from the message, so
it reads the same as in dmesg. Lines of no known shape keep their text as message.
The year, which classic syslog omits, is filled in after loading (see timestamps.py).
"""
from ._lines import lines_table, select, sql_string

KIND = "log"

LINE = (
    r"^(?:<\d+>)?"
    r"([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"                        # Jul 10 09:40:06
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)"  # ISO 8601
    r" (\S+) "                                                     # host
    r"(?:([^\s:\[]+(?: \d[\d.]*)?)(?:\[(\d+)\])?: ?)?"              # program[pid]: or syslogd 1.4.1:
    r"(.*)$"
)
PRINTK_TIME = r"^\[\s*(\d+\.\d+)\] ?"

SQL = f"""
WITH parsed AS (
    SELECT line_no, raw,
           regexp_extract(raw, {sql_string(LINE)}, ['ts', 'host', 'prog', 'pid', 'msg']) AS m
    FROM lines WHERE raw <> ''
)
SELECT line_no,
       nullif(m.ts, '') AS ts_raw,
       try_cast(nullif(regexp_extract(m.msg, {sql_string(PRINTK_TIME)}, 1), '') AS DOUBLE) AS uptime_s,
       nullif(m.host, '') AS hostname,
       nullif(m.prog, '') AS program,
       try_cast(nullif(m.pid, '') AS BIGINT) AS pid,
       CASE WHEN m.ts = '' THEN raw
            ELSE regexp_replace(m.msg, {sql_string(PRINTK_TIME)}, '') END AS message,
       raw
FROM parsed
"""


def parse(chunks):
    for first_line_no, text in chunks:
        yield select(SQL, lines_table(first_line_no, text))
