"""Clock synchronization: `timedatectl`, `chronyc tracking` or `ntpstat`.

Sample input (timedatectl; older systemd says 'NTP synchronized')::

                   Time zone: Asia/Shanghai (CST, +0800)
    System clock synchronized: no

Sample input (chronyc tracking)::

    Reference ID    : 00000000 ()
    Leap status     : Not synchronised

Sample input (ntpstat)::

    unsynchronised
      time server re-starting

Example: timedatectl gives timezone 'Asia/Shanghai (CST, +0800)', clock_synchronized
false, clock_source 'timedatectl'; chronyc 'Leap status : Normal' gives true.
"""
import re

KIND = "facts"


def parse(text):
    facts = {}
    zone = re.search(r"Time zone:\s*(.+?)\s*$", text, re.M)
    if zone:
        facts["timezone"] = zone.group(1)
    synced = re.search(r"(?:System clock|NTP) synchronized:\s*(yes|no)", text)
    leap = re.search(r"Leap status\s*:\s*(.+?)\s*$", text, re.M)
    ntpstat = re.match(r"\s*(synchronised|unsynchronised)\b", text)
    if synced:
        facts.update(clock_synchronized=synced.group(1) == "yes", clock_source="timedatectl")
    elif leap:
        facts.update(clock_synchronized=leap.group(1) != "Not synchronised", clock_source="chronyc")
    elif ntpstat:
        facts.update(clock_synchronized=ntpstat.group(1) == "synchronised", clock_source="ntpstat")
    return facts
