"""`ss -tulpn` (and sos's `ss -peaonmi`): the TCP and UDP sockets listening for connections.

Sample input::

    Netid  State   Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process
    udp    UNCONN  0      0           127.0.0.1:323         0.0.0.0:*      users:(("chronyd",pid=437,fd=1))
    tcp    LISTEN  0      128           0.0.0.0:22          0.0.0.0:*      users:(("sshd",pid=3479,fd=3))
    tcp    LISTEN  0      4096                *:10250             *:*      users:(("kubelet",pid=1988,fd=21))
    tcp    LISTEN  0      128              [::]:22             [::]:*      users:(("sshd",pid=3479,fd=4))
    tcp    ESTAB   0      0         10.0.0.5:22        10.0.0.9:53210  users:(("sshd",pid=9001,fd=4))

Example: rows (protocol, state, address, port, process, pid): ('udp', 'UNCONN', '127.0.0.1', 323,
'chronyd', 437), ('tcp', 'LISTEN', '0.0.0.0', 22, 'sshd', 3479), ('tcp', 'LISTEN', '*', 10250,
'kubelet', 1988), ('tcp', 'LISTEN', '::', 22, 'sshd', 3479); the established connection and
sockets of other families (u_str, netlink in -peaonmi) are not listeners. Without -p (or as a
user) the process is NULL.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "listeners"

PROTOCOLS = ("tcp", "udp", "sctp")
LISTENING = ("LISTEN", "UNCONN")
PROCESS = re.compile(r'users:\(\("([^"]*)",pid=(\d+)')


def parse(text):
    rows = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[0] in PROTOCOLS and fields[1] in LISTENING:
            address, _, port = fields[4].rpartition(":")
            process = PROCESS.search(line)
            rows.append({"protocol": fields[0], "state": fields[1], "address": address.strip("[]"),
                         "port": int(port) if port.isdigit() else None,
                         "process": process.group(1) if process else None,
                         "pid": int(process.group(2)) if process else None})
    return schema.arrow_table(TABLE, rows)
