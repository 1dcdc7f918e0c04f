"""Addresses for redaction: IPv4, IPv6 and MACs found in bytes, replaced consistently.

    >>> a = Addresses({})
    >>> a.sub(b"inet 10.0.0.5/24 fe80::5054:ff:fe5c:a7e0 52:54:00:5c:a7:e0 4.4.1-2.1ubuntu1.20.04.2")
    b'inet 100.64.0.5/24 fe80::516f:73ff:fe00:1 53:6f:73:00:00:01 4.4.1-2.1ubuntu1.20.04.2'

- IPv4: the /24 maps to one in 100.64.0.0/10 and the host part is kept (sos clean does
  the same), so a subnet stays together; a dotted quad inside a version is left alone.
- IPv6: the /64 maps into 2001:db8::/32; an EUI-64 interface id becomes the EUI-64 of
  the redacted MAC, an id with only its low 16 bits set is kept (::1), others are numbered.
- MACs, in every notation (colon, unpadded, dash, Cisco dots, bridge ids), become
  53:6f:73:xx:xx:xx written in the notation and case they had.
"""
import ipaddress
import re

# Each starts with a class and looks behind only after it: the engine then skips ahead to
# the next candidate byte instead of testing the lookbehind at every position (twice as fast).
IPV4 = rb"\d(?<![\d.].)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d|\.\d)"
IPV6 = (rb"[0-9A-Fa-f:](?<![0-9A-Fa-f:.].)(?:(?<=:)|[0-9A-Fa-f]{0,3}:)(?:[0-9A-Fa-f]{0,4}:){1,6}"
        rb"(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[\w.-]+)?(?![\w:]|\.\d)")
MAC = (rb"[0-9A-Fa-f](?:(?<![0-9A-Fa-f:].)(?P<colon>[0-9A-Fa-f]?(?::[0-9A-Fa-f]{1,2}){5})(?![0-9A-Fa-f:])"
       rb"|(?<![\w-].)(?P<dash>[0-9A-Fa-f](?:-[0-9A-Fa-f]{2}){5})(?![\w-])"
       rb"|(?<![\w.].)(?P<dot>[0-9A-Fa-f]{3}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w]|\.\w)"
       rb"|(?<![\w.].)[0-9A-Fa-f]{3}\.(?P<bare>[0-9A-Fa-f]{12})(?![\w.]))")    # bridge id 8000.525400123456
# Cheap first looks, each starting with a literal byte (the engine jumps between them): only
# the lines they hit are searched with the full patterns above (3 to 6 times faster on logs).
HEX = rb"[0-9A-Fa-f]"
LOOKS = (rb"\.\d{1,3}\.\d{1,3}\.",
         rb"::|:" + HEX + rb"{1,4}:" + HEX + rb"{1,4}:" + HEX + rb"{1,4}:",
         rb":" + HEX + rb"{1,2}:" + HEX + rb"{1,2}:|-" + HEX + rb"{2}-" + HEX + rb"{2}-|\." + HEX + rb"{4}(?:\.|" + HEX + rb"{8})")
KEEP_IPS = (b"0.", b"127.", b"255.", b"224.", b"239.")
KEEP_MACS = {b"00:00:00:00:00:00", b"ff:ff:ff:ff:ff:ff"}
# What around a dotted quad makes it part of a version: a letter before (ubuntu1.20.04.2),
# an epoch (1:20.04.10.10), a name and '-' (perl-4.1.5.1); after: a revision or suffix.
# A quad on the other side of the '-' makes it a range of addresses instead.
QUAD = rb"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"
RANGE_BEFORE = re.compile(QUAD + rb"-\Z")
VERSION_BEFORE = re.compile(rb"(?:[A-Za-z]|(?<![\w.:])\d{1,5}:|[\w.+~]-)\Z")
RANGE_AFTER = re.compile(rb"-" + QUAD + rb"(?![\d.]\d)")
VERSION_AFTER = re.compile(rb"-\d|~\w|\+[A-Za-z0-9]|_(?:all|amd64|arm64|i386|armhf|ppc64el|s390x|x86_64|noarch)\b")
DOCS_NET6 = 0x20010db8 << 96


def lines_sub(look, pattern, replace, data):
    """pattern.sub(replace, data) on the lines where `look` hits; the rest is copied."""
    out, last = [], 0
    for hit in look.finditer(data):
        if hit.start() < last:
            continue
        start = data.rfind(b"\n", last, hit.start()) + 1 or last
        end = data.find(b"\n", hit.end())
        end = len(data) if end < 0 else end
        out += [data[last:start], pattern.sub(replace, data[start:end])]
        last = end
    return b"".join(out) + data[last:] if out else data


def is_version(text, start, end):
    """Whether the quad at text[start:end] sits inside a version string.

    >>> is_version(b"2.1ubuntu1.20.04.2", 9, 18), is_version(b"src 10.0.0.1-10.0.0.9", 4, 12)
    (True, False)
    """
    if RANGE_BEFORE.search(text, max(0, start - 17), start) or RANGE_AFTER.match(text, end):
        return False
    return bool(VERSION_BEFORE.search(text, max(0, start - 8), start) or VERSION_AFTER.match(text, end))


class Addresses:
    """Rewrites addresses in bytes; `mapping` (the redaction map) is extended in place."""

    def __init__(self, mapping):
        for kind in ("networks", "macs", "networks6", "iids6"):
            mapping.setdefault(kind, {})
        self.map = mapping
        self.passes = [(re.compile(look), re.compile(full), replace) for look, full, replace in
                       zip(LOOKS, (IPV4, IPV6, MAC), (self._ipv4, self._ipv6, self._mac))]

    def sub(self, data):
        """IPv4 first: the IPv6 pass then finds the embedded IPv4 of ::ffff:a.b.c.d already redacted."""
        for look, pattern, replace in self.passes:
            data = lines_sub(look, pattern, replace, data)
        return data

    # -- IPv4 ----------------------------------------------------------------
    def _ipv4(self, match):
        ip = match.group()
        return ip if is_version(match.string, match.start(), match.end()) else self.ipv4(ip)

    def ipv4(self, ip):
        """The redacted form of a dotted quad (bytes); loopback, 0.x, 255.x, multicast kept."""
        octets = ip.split(b".")
        if ip.startswith(KEEP_IPS) or any(int(o) > 255 for o in octets):
            return ip
        network = b".".join(octets[:3]).decode()
        if network not in self.map["networks"]:
            k = len(self.map["networks"])
            self.map["networks"][network] = f"100.{64 + k // 256 % 64}.{k % 256}"
        return self.map["networks"][network].encode() + b"." + octets[3]

    # -- IPv6 ----------------------------------------------------------------
    def _ipv6(self, match):
        text = match.group()
        lead = b""
        if text.startswith(b":") and not text.startswith(b"::"):   # addr:fe80::1 -> keep the ':'
            lead, text = b":", text[1:]
        core, _, zone = text.partition(b"%")
        try:
            value = int(ipaddress.IPv6Address(core.decode()))
        except ValueError:
            return match.group()
        new = self.ipv6(value, dotted=b"." in core)
        if new == value:
            return match.group()
        return lead + str(ipaddress.IPv6Address(new)).encode() + (b"%" + zone if zone else b"")

    def ipv6(self, value, dotted=False):
        """The redacted form of an IPv6 address given as an int; `dotted`: its low 32 bits
        were written as an IPv4 address, which the IPv4 pass has redacted already."""
        address = ipaddress.IPv6Address(value)
        if address.is_unspecified or address.is_loopback:
            return value
        if address.ipv4_mapped or value >> 32 == 0:       # ::ffff:a.b.c.d, ::a.b.c.d
            if dotted:
                return value
            low = self.ipv4(str(ipaddress.IPv4Address(value & 0xffffffff)).encode())
            return value >> 32 << 32 | int(ipaddress.IPv4Address(low.decode()))
        if address.is_multicast:
            return self._solicited(value)
        if address.is_reserved:                           # fe00::/9, ... (assigned to no one)
            return value
        net, iid = value >> 64, value & (1 << 64) - 1
        if not address.is_link_local:
            key = f"{net:016x}"
            nets = self.map["networks6"]
            nets.setdefault(key, f"{(DOCS_NET6 >> 64) + len(nets) + 1:016x}")
            net = int(nets[key], 16)
        return net << 64 | (iid if dotted else self._iid(iid))

    def _iid(self, iid):
        if iid >> 16 == 0:
            return iid
        if iid >> 24 & 0xffff == 0xfffe:                  # EUI-64: the MAC with ff:fe in the middle
            mac = (iid >> 40 ^ 0x020000) << 24 | iid & 0xffffff
            digits = f"{mac:012x}"
            new = int(self.mac_key(":".join(digits[i:i + 2] for i in range(0, 12, 2))).replace(":", ""), 16)
            return (new >> 24 ^ 0x020000) << 40 | 0xfffe << 24 | new & 0xffffff
        iids = self.map["iids6"]
        iids.setdefault(f"{iid:016x}", f"{0x53 << 48 | len(iids) + 1:016x}")
        return int(iids[f"{iid:016x}"], 16)

    def _solicited(self, value):
        """ff02::1:ffXX:XXXX carries the low 24 bits of an address: those of its redacted MAC."""
        if value >> 24 != 0xff0200000000000000000001ff:
            return value
        low = f"{value & 0xffffff:06x}"
        for mac, new in list(self.map["macs"].items()):
            if mac.replace(":", "").endswith(low):
                return value >> 24 << 24 | int(new.replace(":", "")[-6:], 16)
        iids = self.map["iids6"]
        iids.setdefault("solicited-" + low, f"{len(iids) + 1:06x}")
        return value >> 24 << 24 | int(iids["solicited-" + low], 16)

    # -- MACs ----------------------------------------------------------------
    def _mac(self, match):
        kind, whole = match.lastgroup, match.group()
        prefix, text = (whole[:5], whole[5:]) if kind == "bare" else (b"", whole)
        groups = re.split(rb"[:.-]", text) if kind == "colon" else [text.replace(b"-", b"").replace(b".", b"")]
        digits = "".join(g.decode().zfill(2) for g in groups).lower()
        canonical = ":".join(digits[i:i + 2] for i in range(0, 12, 2))
        if canonical.encode() in KEEP_MACS:
            return whole
        new = self.mac_key(canonical).replace(":", "")
        if kind == "colon":
            unpadded = any(len(g) == 1 for g in groups)
            out = ":".join(f"{int(new[i:i + 2], 16):x}" if unpadded else new[i:i + 2] for i in range(0, 12, 2))
        else:
            sep, width = {"dash": ("-", 2), "dot": (".", 4), "bare": ("", 12)}[kind]
            out = sep.join(new[i:i + width] for i in range(0, 12, width))
        return prefix + (out.upper() if re.search(rb"[A-F]", text) else out).encode()

    def mac_key(self, canonical):
        """The replacement of a MAC given as aa:bb:cc:dd:ee:ff (added to the map if new)."""
        macs = self.map["macs"]
        if canonical not in macs:
            k = len(macs) + 1
            macs[canonical] = "53:6f:73:%02x:%02x:%02x" % (k >> 16 & 255, k >> 8 & 255, k & 255)
        return macs[canonical]
