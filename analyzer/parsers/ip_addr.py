"""`ip addr` in its variants: `ip addr`, `ip -d address`, `ip -o addr`.

Sample input::

    2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
        link/ether fa:16:3e:4b:2e:f6 brd ff:ff:ff:ff:ff:ff
        inet 10.5.0.185/16 brd 10.5.255.255 scope global dynamic ens3
           valid_lft 74524sec preferred_lft 74524sec
        inet 10.5.0.200/32 scope global ens3:vip
        inet6 fe80::f816:3eff:fe4b:2ef6/64 scope link
    2: ens3    inet 10.5.0.185/16 brd 10.5.255.255 scope global dynamic ens3\\       valid_lft 74524sec

Example: rows (2, ens3, inet, 10.5.0.185, 16, global, broadcast 10.5.255.255, label
ens3), (2, ens3, inet, 10.5.0.200, 32, label ens3:vip), (2, ens3, inet6,
fe80::f816:3eff:fe4b:2ef6, 64, link). `-o` lines give the same rows.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "addresses"

HEAD = re.compile(r"^(\d+): ([^:@\s]+)(?:@\S+?)?:?\s")
ADDR = re.compile(r"\b(inet6?) ([0-9a-fA-F.:]+)(?:/(\d+))?(?: peer \S+)?(.*)$")


def parse(text):
    rows, ifindex, ifname = [], None, None
    for line in text.replace("\\", "\n").splitlines():
        head = HEAD.match(line)
        if head:
            ifindex, ifname = int(head.group(1)), head.group(2)
        found = ADDR.search(line)
        if found and ifname:
            family, address, prefix, rest = found.groups()
            scope = re.search(r"\bscope (\S+)", rest)
            brd = re.search(r"\bbrd (\S+)", rest)
            label = rest.split()[-1] if family == "inet" and rest.split() and scope else None
            rows.append({"ifindex": ifindex, "ifname": ifname, "family": family, "address": address,
                         "prefixlen": int(prefix) if prefix else None,
                         "scope": scope.group(1) if scope else None, "broadcast": brd.group(1) if brd else None,
                         "label": label if label and not label.startswith(("valid_lft", "noprefixroute")) else None})
    return schema.arrow_table(TABLE, rows)
