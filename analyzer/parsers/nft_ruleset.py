"""`nft list ruleset`: nftables tables, chains and rules, into the iptables tables.

Sample input::

    table ip filter {
        chain FORWARD {
            type filter hook forward priority filter; policy drop;
            counter packets 12 bytes 960 jump DOCKER-ISOLATION-STAGE-1
            iifname "docker0" oifname != "docker0" accept comment "bridge out"
        }
    }
    table inet firewalld {
        set blocked { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
        chain filter_INPUT {
            ct state established,related accept
        }
    }

Example: chain FORWARD of family ipv4 (nft 'ip'), table filter, policy DROP; rule 1
has target DOCKER-ISOLATION-STAGE-1 with 12 packets, rule 2 in_iface docker0,
out_iface !docker0, target ACCEPT, comment 'bridge out'. Sets and maps are
skipped. Where iptables sources of the same bundle were loaded, the nft tables
iptables-nft keeps (ip/ip6 filter, nat, mangle, raw, security) are dropped as
duplicates of them (FINALIZE_SQL).
"""
import re

from sosql.parsers import _firewall

KIND = "table"
FAMILIES = {"ip": "ipv4", "ip6": "ipv6"}
VERDICT = re.compile(r"\b(accept|drop|return|queue|continue|masquerade|redirect|reject|snat|dnat|"
                     r"jump \S+|goto \S+)\b(?!.*\b(?:accept|drop|return|jump|goto)\b)")
FIELDS = ((re.compile(r'\biifname (!= )?"?([^"\s]+)"?'), "in_iface"),
          (re.compile(r'\boifname (!= )?"?([^"\s]+)"?'), "out_iface"),
          (re.compile(r"\bip6? saddr (!= )?(\S+)"), "src"),
          (re.compile(r"\bip6? daddr (!= )?(\S+)"), "dst"),
          (re.compile(r"\b(?:meta l4proto|ip protocol|ip6 nexthdr) (!= )?(\w+)"), "protocol"))
COUNTER = re.compile(r"\bcounter packets (\d+) bytes (\d+)\s*")
COMMENT = re.compile(r'\bcomment "((?:[^"\\]|\\.)*)"\s*')

FINALIZE_READS = ("iptables_chains",)     # FINALIZE_SQL runs for a bundle with rows there
FINALIZE_SQL = [f"""
    DELETE FROM {table} WHERE bundle_id = $bundle_id AND source = 'nft_ruleset'
      AND family IN ('ipv4', 'ipv6') AND "table" IN ('filter', 'nat', 'mangle', 'raw', 'security')
      AND EXISTS (SELECT 1 FROM iptables_chains c WHERE c.bundle_id = $bundle_id AND c.source <> 'nft_ruleset')
""" for table in ("iptables_rules", "iptables_chains")]


def parse(text):
    chains, rules = [], []
    family = table = chain = None
    depth, skip_to, pending, position = 0, None, "", 0
    for raw in text.splitlines():
        line = (pending + " " + raw.strip()).strip() if pending else raw.strip()
        if line.count("{") > line.count("}") and depth >= 2:   # a rule's set spans lines
            pending = line
            continue
        pending = ""
        opened, closed = line.endswith("{"), line == "}"
        if skip_to is not None:
            depth += line.count("{") - line.count("}")
            skip_to = None if depth <= skip_to else skip_to
            continue
        if opened and depth == 0 and line.startswith("table "):
            _, fam, table = line[:-1].split()[:3]
            family, depth = FAMILIES.get(fam, fam), 1
        elif opened and depth == 1 and line.startswith("chain "):
            chain, depth, position = line.split()[1], 2, 0
            chains.append({"family": family, "table": table, "chain": chain, "backend": "nft"})
        elif opened and depth == 1:          # set, map, flowtable: not rules
            skip_to, depth = depth, depth + line.count("{") - line.count("}")
        elif closed:
            depth -= 1
        elif depth == 2 and line.startswith("type ") and "hook" in line:
            policy = re.search(r"policy (\w+)", line)
            chains[-1]["policy"] = policy.group(1).upper() if policy else None
        elif depth == 2 and line:
            position += 1
            rules.append(_rule(line, family, table, chain, position))
    return _firewall.tables(chains, rules)


def _rule(line, family, table, chain, position):
    rule = {"family": family, "table": table, "chain": chain, "position": position, "rule": line,
            "backend": "nft"}
    counter, comment = COUNTER.search(line), COMMENT.search(line)
    if counter:
        rule["packets"], rule["bytes"] = int(counter.group(1)), int(counter.group(2))
    if comment:
        rule["comment"] = comment.group(1)
    for pattern, column in FIELDS:
        found = pattern.search(line)
        if found:
            rule[column] = ("!" if found.group(1) else "") + found.group(2)
    rest = COMMENT.sub("", COUNTER.sub("", line))
    verdict = VERDICT.search(rest)
    if verdict:
        word = verdict.group(1)
        rule["target"] = word.split()[1] if word.startswith(("jump ", "goto ")) else word.upper()
        rest = rest[:verdict.start()] + rest[verdict.end():]
    rule["match"] = " ".join(rest.split()) or None
    return rule
