"""The iptables listings sos collects: `iptables -t <table> -nvL` and `iptables -vnxL` (ip6tables too).

sos does not run iptables-save for the main namespace; these are what it has.
The table comes from the file name (`iptables_-t_nat_-nvL`; `-vnxL` lists filter).

Sample input::

    Chain INPUT (policy ACCEPT 35398 packets, 11M bytes)
     pkts bytes target     prot opt in     out     source               destination
    97531   38M KUBE-NODEPORTS  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes health check service ports */

    Chain DOCKER-ISOLATION (1 references)
     pkts bytes target     prot opt in     out     source               destination
        0     0 DROP       all  --  docker0 br0    0.0.0.0/0            0.0.0.0/0

Example: chain INPUT with policy ACCEPT, 35398 packets, 11000000 bytes; its rule 1
has target KUBE-NODEPORTS, 97531 packets, 38000000 bytes, comment 'kubernetes
health check service ports'. '*' interfaces and 0.0.0.0/0 addresses mean "any"
and are stored as NULL.
"""
import re

from sosql.parsers import _firewall

KIND = "table"
CHAIN = re.compile(r"^Chain (\S+) \((?:policy (\S+) (\d+[KMGT]?) packets, (\d+[KMGT]?) bytes|(\d+) references)\)")
OPTS = ("--", "-f", "!f")
PROTOCOLS = {"all", "tcp", "udp", "udplite", "icmp", "icmpv6", "ipv6-icmp", "esp", "ah", "sctp", "mh", "gre",
             "ipip", "ipv6", "igmp", "vrrp", "ospf", "pim"}
ANY = ("*", "0.0.0.0/0", "::/0")
COMMENT = re.compile(r"/\* (.*?) \*/")


def parse_member(text, member):
    family = _firewall.family_of(member)
    name = member.rsplit("/", 1)[-1]
    table = re.search(r"_-t_(\w+)_", name).group(1) if "_-t_" in name else "filter"
    chains, rules, chain, position = [], [], None, 0
    for line in text.splitlines():
        head = CHAIN.match(line)
        if head:
            chain, position = head.group(1), 0
            policy, packets, nbytes, refs = head.group(2, 3, 4, 5)
            chains.append({"family": family, "table": table, "chain": chain, "policy": policy,
                           "packets": _firewall.counter(packets), "bytes": _firewall.counter(nbytes),
                           "references": int(refs) if refs else None})
            continue
        words = list(re.finditer(r"\S+", line))
        if not chain or len(words) < 7 or words[0].group() == "pkts":
            continue
        rule = _rule(line, words)
        if rule:
            position += 1
            rules.append(dict(rule, family=family, table=table, chain=chain, position=position))
    return _firewall.tables(chains, rules)


def _is_protocol(word):
    return word.lstrip("!") in PROTOCOLS or word.lstrip("!").isdigit()


def _rule(line, words):
    """One rule line. The target column is empty for rules without one, and ip6tables
    leaves the opt column out: find the protocol, then count from it."""
    text = [w.group() for w in words]
    proto_at = 3 if _is_protocol(text[3]) else 2 if _is_protocol(text[2]) else None
    if proto_at is None:
        return None
    at = proto_at + 1 + (text[proto_at + 1] in OPTS)
    if len(text) < at + 4:
        return None
    extra = line[words[at + 3].end():].strip()
    comment = COMMENT.search(extra)
    return {"packets": _firewall.counter(text[0]), "bytes": _firewall.counter(text[1]),
            "target": text[2] if proto_at == 3 else None, "protocol": text[proto_at],
            "in_iface": _any(text[at]), "out_iface": _any(text[at + 1]),
            "src": _any(text[at + 2]), "dst": _any(text[at + 3]),
            "match": COMMENT.sub("", extra).strip() or None,
            "comment": comment.group(1) if comment else None, "rule": line.strip()}


def _any(value):
    return None if value in ANY else value
