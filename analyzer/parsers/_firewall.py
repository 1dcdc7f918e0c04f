"""Shared by the firewall parsers: rows for iptables_chains and iptables_rules.

Each parser fills plain dicts and hands them here, so iptables-save, the
iptables -nvL listings and nft list ruleset all give columns of the same meaning.
"""
import re

from sosql.store import schema

SUFFIX = {"K": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9, "T": 10 ** 12}


def tables(chains, rules):
    """{table name: Arrow table} for the loader."""
    return {"iptables_chains": schema.arrow_table("iptables_chains", chains),
            "iptables_rules": schema.arrow_table("iptables_rules", rules)}


def counter(text):
    """'11M' -> 11000000 (iptables abbreviates counters in powers of 1000)."""
    match = re.fullmatch(r"(\d+)([KMGT]?)", text or "")
    return int(match.group(1)) * SUFFIX.get(match.group(2), 1) if match else None


def family_of(member):
    """ipv6 for ip6tables sources, else ipv4 (from the member's name)."""
    return "ipv6" if "ip6tables" in member.rsplit("/", 1)[-1] else "ipv4"


def backend_of(member):
    name = member.rsplit("/", 1)[-1]
    return "legacy" if "-legacy" in name else "nft" if "-nft" in name else None
