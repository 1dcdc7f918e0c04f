"""Kernel ring buffer: `dmesg` output, /var/log/dmesg, vmcore-dmesg.txt.

Sample input::

    [    0.000000] Linux version 3.10.0-693.el7.x86_64 (builder@kbuilder.dev.centos.org) ...
    [5024612.104223] NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]
    <6>[   12.345678] e1000: eth0 NIC Link is Up
    [   39.549363][ T5855] general protection fault, probably for non-canonical address
    <0>Kernel panic - not syncing: Fatal exception
    [Mon Jul 10 09:40:13 2017] connection4:0: detected conn error (1022)

Example: the second line gives uptime_s 5024612.104223, program 'kernel' and
message 'NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]'.
Printk levels (`<0>`, vmcore-dmesg of RHEL 6/7) and caller ids (`[ T5855]`,
upstream kernels with CONFIG_PRINTK_CALLER) are cut from the message too.
Human-readable stamps (`dmesg -T`, last line) go to ts_raw. Absolute times come
from the boot time after loading (see timestamps.py).
"""
from sosql.parsers._lines import PRINTK_CALLER, PRINTK_LEVEL, lines_table, select, sql_string, uptime_sql

KIND = "log"

# The line's head: printk level, stamp and caller id, each optional (see _lines.py). One
# regex capture, then string functions (see syslog.py for why).
HEAD = (
    r"^((?:<\d{1,3}>)?"                                                 # <6> of `dmesg -r`
    r"(?:\[\s*(?:\d+\.\d+"                                              # [    12.345678]
    r"|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})\]"          # [Mon Jul 10 09:40:13 2017]
    rf"(?:{PRINTK_CALLER})? ?)?(?:{PRINTK_LEVEL})?)"                      # [ T5855], <4>
)

SQL = f"""
WITH heads AS (
    SELECT line_no, raw, regexp_extract(raw, {sql_string(HEAD)}, 1) AS head FROM lines WHERE raw <> ''
), stamps AS (
    SELECT *, trim(split_part(split_part(head, '[', 2), ']', 1)) AS stamp FROM heads
)
SELECT line_no,
       CASE WHEN stamp >= 'A' THEN stamp END AS ts_raw,
       CASE WHEN stamp <> '' AND stamp < 'A' THEN {uptime_sql('stamp')} END AS uptime_s,
       'kernel' AS program,
       CASE WHEN head = '' THEN raw ELSE substr(raw, length(head) + 1) END AS message,
       raw
FROM stamps
"""


def parse(chunks):
    for first_line_no, text in chunks:
        yield select(SQL, lines_table(first_line_no, text))
