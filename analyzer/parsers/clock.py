"""Clock synchronization: `timedatectl`, `chronyc tracking`, `ntpstat`, `ntpq -p` or `ntptime`.

Sample input (timedatectl; older systemd says 'NTP synchronized')::

                   Time zone: Asia/Shanghai (CST, +0800)
    System clock synchronized: no

Sample input (chronyc tracking, chronyc -n tracking)::

    Reference ID    : 00000000 ()
    Leap status     : Not synchronised

Sample input (ntpstat)::

    unsynchronised
      time server re-starting

Sample input (ntpq -p, ntpq -pn: '*' marks the peer ntpd synchronizes to)::

         remote           refid      st t when poll reach   delay   offset  jitter
    ==============================================================================
    *10.0.0.1        .GPS.            1 u   33   64  377    0.345    0.012   0.010

Sample input (ntptime: the kernel's own view; UNSYNC is the 0x40 bit)::

    ntp_adjtime() returns code 5 (ERROR)
      status 0x40 (UNSYNC),

Example: timedatectl gives timezone 'Asia/Shanghai (CST, +0800)', clock_synchronized
false, clock_source 'timedatectl'; chronyc 'Leap status : Normal' gives true; the ntpq
table above gives true (source 'ntpq'), one without a '*' or 'o' peer false;
'status 0x2001 (PLL,NANO)' gives true (source 'ntptime'). Output that is an error
('Command not found', 'Connection refused') gives no clock facts.
"""
import re

KIND = "facts"

NTPQ_HEADER = re.compile(r"^\s*remote\s+refid\s", re.M)
NTPTIME_STATUS = re.compile(r"^\s*status 0x([0-9a-fA-F]+)", re.M)


def parse(text):
    facts = {}
    zone = re.search(r"Time zone:\s*(.+?)\s*$", text, re.M)
    if zone:
        facts["timezone"] = zone.group(1)
    synced, source = _synchronized(text)
    if synced is not None:
        facts.update(clock_synchronized=synced, clock_source=source)
    return facts


def _synchronized(text):
    """(synchronized, which tool said so), or (None, None) when the text does not say."""
    timedatectl = re.search(r"(?:System clock|NTP) synchronized:\s*(yes|no)", text)
    leap = re.search(r"Leap status\s*:\s*(.+?)\s*$", text, re.M)
    ntpstat = re.match(r"\s*(synchronised|unsynchronised)\b", text)
    ntptime = NTPTIME_STATUS.search(text)
    if timedatectl:
        return timedatectl.group(1) == "yes", "timedatectl"
    if leap:
        return leap.group(1) != "Not synchronised", "chronyc"
    if ntpstat:
        return ntpstat.group(1) == "synchronised", "ntpstat"
    if NTPQ_HEADER.search(text) or "No association ID's returned" in text:
        # '*' the system peer, 'o' the PPS peer: ntpd is synchronized to it
        return bool(re.search(r"^[*o]\S", text, re.M)), "ntpq"
    if ntptime:
        return not int(ntptime.group(1), 16) & 0x40, "ntptime"
    return None, None
