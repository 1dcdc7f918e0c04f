"""`ip link` in its variants: `ip -d link`, `ip -s -d link`, `ip -s link`, `ip -o link`.

Sample input (`ip -d link`)::

    3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8951 qdisc noqueue state UNKNOWN mode DEFAULT group default
        link/ether 16:6f:e6:a4:5a:7d brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535
        vxlan id 1 local 10.5.0.185 dev ens3 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300
    7: veth1a2b@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT
        link/ether 2a:9b:0c:11:22:33 brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1
        veth
        bridge_slave state forwarding priority 32 cost 2 hairpin on

Example: flannel.1 is kind vxlan with vxlan_id 1, vxlan_local 10.5.0.185, vxlan_dev
ens3, vxlan_port 8472, mtu 8951, state UNKNOWN; veth1a2b has peer 'if6', kind veth,
master cni0. `-o` output (one line per link, fields after a backslash) reads the same.
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "links"

HEAD = re.compile(r"^(\d+): ([^:@\s]+)(?:@([^:\s]+))?: <([^>]*)>(.*)$")
KINDS = {"veth", "bridge", "vxlan", "bond", "vlan", "macvlan", "macvtap", "ipvlan", "tun", "tap", "dummy",
         "ipip", "gre", "gretap", "ip6tnl", "sit", "geneve", "wireguard", "openvswitch", "team", "vrf",
         "nlmon", "can", "ifb", "erspan", "ip6gre", "ip6gretap", "xfrm", "veth_pair", "vti"}


def parse(text):
    links = []
    for line in text.replace("\\", "\n").splitlines():   # -o puts a link on one line, joined by '\'
        head = HEAD.match(line)
        if head:
            links.append(_link(head))
        elif links and line.strip():
            _detail(links[-1], line.strip())
    for link in links:
        link["details"] = "\n".join(link.pop("_lines")) or None
    return schema.arrow_table(TABLE, links)


def _link(head):
    rest = head.group(5)
    return {"ifindex": int(head.group(1)), "name": head.group(2), "peer": head.group(3),
            "flags": head.group(4), "mtu": _int(_after(rest, "mtu")), "state": _after(rest, "state"),
            "master": _after(rest, "master"), "_lines": []}


def _detail(link, line):
    word = line.split()[0]
    if word.startswith("link/"):
        parts = line.split()
        link["mac"] = parts[1] if len(parts) > 1 else None
    elif word in ("RX:", "TX:", "RX", "TX", "inet", "inet6", "valid_lft") or re.match(r"^\d", word):
        return                                     # -s statistics, or addresses in ip addr output
    else:
        if word in KINDS and link.get("kind") is None:
            link["kind"] = word
        if word == "vxlan":
            link.update(vxlan_id=_int(_after(line, "id")), vxlan_local=_after(line, "local"),
                        vxlan_dev=_after(line, "dev"), vxlan_port=_int(_after(line, "dstport")))
        link["_lines"].append(line)


def _after(text, key):
    match = re.search(rf"(?:^|\s){re.escape(key)} (\S+)", text)
    return match.group(1) if match else None


def _int(text):
    return int(text) if text and text.isdigit() else None
