"""Addresses the kernel writes in hex in /proc/net, redacted as their dotted and colon forms are.

    >>> from sosql.redact.addresses import Addresses
    >>> a = Addresses({})
    >>> procnet(a, "proc/net/tcp", b"  0: 0A00000A:0016 00000000:0000 0A")
    b'  0: 0A004064:0016 00000000:0000 0A'

(10.0.0.10 as little-endian hex becomes 100.64.0.10.) tcp/udp/raw write `address:port`
with the address in host byte order (little-endian here), route its Destination, Gateway
and Mask columns the same way; the IPv6 files write 32 hex digits, big-endian in
if_inet6/ipv6_route/igmp6/anycast6, as four little-endian words in tcp6/udp6/raw6.
"""
import ipaddress
import re

from sosql.redact.addresses import KEEP_IPS

FILES = re.compile(r"(?:^|/)proc/(?:\d+/|self/)?net/(tcp|udp|raw|udplite|route|tcp6|udp6|raw6|udplite6|if_inet6|"
                   r"ipv6_route|igmp6|anycast6)$")
SOCKET4 = re.compile(rb"(?<![0-9A-Fa-f:])([0-9A-Fa-f]{8})(?=:[0-9A-Fa-f]{4}(?![0-9A-Fa-f]))")
SOCKET6 = re.compile(rb"(?<![0-9A-Fa-f:])([0-9A-Fa-f]{32})(?=:[0-9A-Fa-f]{4}(?![0-9A-Fa-f]))")
HEX32 = re.compile(rb"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])")
ROUTE_COLUMNS = (1, 2, 7)          # Destination, Gateway, Mask


def procnet(addresses, member, data):
    """`data` of a /proc/net member with its hex addresses redacted; other data as it is."""
    found = FILES.search(member)
    if not found:
        return data
    kind = found.group(1)
    if kind in ("tcp", "udp", "raw", "udplite"):
        return SOCKET4.sub(lambda m: _hex4(addresses, m.group()), data)
    if kind == "route":
        return b"".join(_route_line(addresses, line) for line in data.splitlines(True))
    if kind.endswith("6") and kind not in ("if_inet6", "igmp6", "anycast6"):
        return SOCKET6.sub(lambda m: _hex6(addresses, m.group(), words=True), data)
    return HEX32.sub(lambda m: _hex6(addresses, m.group(), words=False), data)


def _hex4(addresses, text):
    """An IPv4 address as 8 hex digits in little-endian order."""
    dotted = str(ipaddress.IPv4Address(int.from_bytes(bytes.fromhex(text.decode()), "little"))).encode()
    if dotted.startswith(KEEP_IPS):
        return text
    new = int(ipaddress.IPv4Address(addresses.ipv4(dotted).decode()))
    out = new.to_bytes(4, "little").hex().encode()
    return out.upper() if text.upper() == text else out


def _hex6(addresses, text, words):
    raw = bytes.fromhex(text.decode())
    if words:                                   # four 32-bit words, each little-endian
        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    new = addresses.ipv6(int.from_bytes(raw, "big")).to_bytes(16, "big")
    if words:
        new = b"".join(new[i:i + 4][::-1] for i in range(0, 16, 4))
    out = new.hex().encode()
    return out.upper() if text.upper() == text and re.search(rb"[A-F]", text) else out


def _route_line(addresses, line):
    fields = re.split(rb"(\s+)", line)          # the separators stay: columns keep their tabs
    for column in ROUTE_COLUMNS:
        at = column * 2
        if at < len(fields) and re.fullmatch(rb"[0-9A-Fa-f]{8}", fields[at]):
            fields[at] = _hex4(addresses, fields[at])
    return b"".join(fields)
