"""Helpers shared by the parsers of the node's state tables (lsblk, multipath, bonding, sar...):
the sizes, flags and numbers those commands print."""
import re

SIZE = re.compile(r"^(\d+(?:[.,]\d+)?)([BKMGTPE]?)(?:i?B)?$")
POWERS = "BKMGTPE"


def size_bytes(text):
    """'40G', '61.9M', '512', '1.5T' -> bytes (powers of 1024, as lsblk and multipath print
    them); NULL for anything else."""
    match = SIZE.match((text or "").strip())
    if not match:
        return None
    number, unit = float(match.group(1).replace(",", ".")), match.group(2) or "B"
    size = int(number * 1024 ** POWERS.index(unit))
    return size if size < 1 << 63 else None        # more than BIGINT holds: not a real device


def flag(text):
    """'1'/'0' (lsblk's RO, RM, ROTA) -> True/False; NULL for anything else."""
    return {"1": True, "0": False}.get((text or "").strip())


def number(text):
    """A float of `text` ('12.50', '1,5' of a comma locale), NULL when it is not one."""
    try:
        value = float(text.replace(",", "."))
    except (AttributeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def member_suffix(member, marker):
    """What follows `marker` in the member's base name: the interface of ethtool_-S_eth0."""
    base = (member or "").rstrip("/").rsplit("/", 1)[-1]
    return base.split(marker, 1)[1] if marker in base else None
