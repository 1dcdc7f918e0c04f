"""`iscsiadm -m session` (a line per session) and `iscsiadm -m session -P 3` (sos: a block
per target, its portals, session states and attached disks).

Sample input (plain)::

    tcp: [1] 10.0.0.20:3260,1 iqn.2003-01.org.linux-iscsi.storage1:sn.0123 (non-flash)

Sample input (-P 3, shortened)::

    Target: iqn.2003-01.org.linux-iscsi.storage1:sn.0123 (non-flash)
    	Current Portal: 10.0.0.20:3260,1
    	Persistent Portal: 10.0.0.20:3260,1
    		Iface Transport: tcp
    		SID: 1
    		iSCSI Connection State: LOGGED IN
    		iSCSI Session State: LOGGED_IN
    			Attached scsi disk sdb		State: running

Example: rows (transport, sid, target, portal, tpgt, connection_state, session_state,
disks): ('tcp', 1, 'iqn.2003-01.org.linux-iscsi.storage1:sn.0123', '10.0.0.20:3260', 1,
NULL, NULL, NULL) from the plain line, and from -P 3 ('tcp', 1, ..., 'LOGGED IN',
'LOGGED_IN', 'sdb'). 'iscsiadm: No active sessions.' gives no row.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "iscsi_sessions"

PLAIN = re.compile(r"^(\S+):\s+\[(\d{1,9})\]\s+(\S+?)(?:,(\d{1,9}))?\s+(\S+)")
FIELDS = {"Iface Transport": "transport", "SID": "sid", "iSCSI Connection State": "connection_state",
          "iSCSI Session State": "session_state"}
DISK = re.compile(r"Attached scsi disk (\S+)")


def parse(text):
    rows, target, session = [], None, None
    for line in text.splitlines():
        plain = PLAIN.match(line)
        key, _, value = line.strip().partition(":")
        if plain:
            transport, sid, portal, tpgt, iqn = plain.groups()
            rows.append({"transport": transport, "sid": int(sid), "target": iqn, "portal": portal,
                         "tpgt": int(tpgt) if tpgt else None})
        elif key == "Target":
            target = value.split()[0] if value.split() else None
        elif key == "Current Portal" and target:
            portal, _, tpgt = value.strip().partition(",")
            session = {"target": target, "portal": portal or None, "tpgt": int(tpgt) if tpgt.isdigit() else None}
            rows.append(session)
        elif session is not None and key in FIELDS:
            session[FIELDS[key]] = value.strip() or None
        elif session is not None and DISK.search(line):
            disk = DISK.search(line).group(1)
            session["disks"] = ", ".join(filter(None, [session.get("disks"), disk]))
    for row in rows:
        sid = row.get("sid")
        row["sid"] = int(sid) if isinstance(sid, str) and sid.isdigit() and len(sid) < 10 else \
            sid if isinstance(sid, int) else None
    return schema.arrow_table(TABLE, rows)
