"""Kernel ring buffer: `dmesg` output, /var/log/dmesg, vmcore-dmesg.txt.

Sample input::

    [    0.000000] Linux version 3.10.0-693.el7.x86_64 (builder@kbuilder.dev.centos.org) ...
    [5024612.104223] NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]
    <6>[   12.345678] e1000: eth0 NIC Link is Up
    [Mon Jul 10 09:40:13 2017] connection4:0: detected conn error (1022)

Example: the second line gives uptime_s 5024612.104223, program 'kernel' and
message 'NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]'.
Human-readable stamps (`dmesg -T`, last line) go to ts_raw. Absolute times come
from the boot time after loading (see timestamps.py).
"""
from ._lines import lines_table, select, sql_string

KIND = "log"

LINE = (
    r"^(?:<\d+>)?\[\s*(?:(\d+\.\d+)"                       # [    12.345678]
    r"|([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}))\] ?"  # [Mon Jul 10 09:40:13 2017]
    r"(.*)$"
)

SQL = f"""
WITH parsed AS (
    SELECT line_no, raw, regexp_extract(raw, {sql_string(LINE)}, ['up', 'ts', 'msg']) AS m
    FROM lines WHERE raw <> ''
)
SELECT line_no,
       nullif(m.ts, '') AS ts_raw,
       try_cast(nullif(m.up, '') AS DOUBLE) AS uptime_s,
       'kernel' AS program,
       CASE WHEN m.up = '' AND m.ts = '' THEN raw ELSE m.msg END AS message,
       raw
FROM parsed
"""


def parse(chunks):
    for first_line_no, text in chunks:
        yield select(SQL, lines_table(first_line_no, text))
