"""Redaction for sharing: hostnames, domains, IPv4 addresses, MACs and chosen keywords are
replaced consistently across every bundle of a run (and across runs with a map file).

- hostnames -> host-N, their domains -> domain-N.example;
- IPv4 -> the /24 network maps to one in 100.64.0.0/10, the host part is kept, so a
  /24 stays a /24 and addresses of one subnet stay together (as sos clean does);
- MACs -> 53:6f:73:xx:xx:xx; keywords -> keyword-N.

The map (original -> replacement) is written to its own file, never into the output.
Everything is done on bytes, in one regular-expression pass per piece of text.
"""
import gzip
import json
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

from . import archive
from .errors import SosqlError

IPV4 = rb"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.]|\.\d)"
MAC = rb"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}(?![0-9A-Fa-f:])"
KEEP_IPS = (b"0.", b"127.", b"255.", b"224.", b"239.")
KEEP_MACS = {b"00:00:00:00:00:00", b"ff:ff:ff:ff:ff:ff"}
NOT_NAMES = {"localhost", "localhost.localdomain", "localdomain", "(none)", "unknown"}
HOSTNAME_MEMBERS = ("manifest.json", "commands/hostname", "files/etc/hostname", "files/proc/sys/kernel/hostname",
                    "commands/uname_-a", "sos_commands/host/hostname", "sos_commands/general/hostname", "hostname",
                    "etc/hostname", "sos_commands/kernel/uname_-a", "insights_commands/hostname",
                    "insights_commands/uname_-a", "files/etc/hosts", "etc/hosts", "files/etc/resolv.conf",
                    "etc/resolv.conf")
PROCESS_MEMBERS = ("commands/ps_auxwww", "sos_commands/process/ps_auxwww", "sos_commands/process/ps_auxwwwm",
                   "insights_commands/ps_auxcww")
NODE_NAME = re.compile(rb"--hostname-override[= ](\S+)")    # the node name kubelet registers
SYSLOG_HOST = re.compile(rb"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) (\S+) ", re.M)


class Redactor:
    def __init__(self, mapping=None, keywords=()):
        self.map = {k: dict((mapping or {}).get(k, {})) for k in ("hostnames", "domains", "networks", "macs", "keywords")}
        for word in keywords:
            self._add("keywords", word.lower(), "keyword")
        self._pattern = None

    # -- learning the names ----------------------------------------------------------
    def learn(self, name):
        name = name.strip().strip(".").lower()
        if not name or name in NOT_NAMES or not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name) or \
                re.fullmatch(r"[\d.]+", name):
            return
        short, _, domain = name.partition(".")
        self._add("hostnames", short, "host")
        if domain:
            self._add("domains", domain, "domain", suffix=".example")
            self._add("hostnames", name, None, value=f"{self.map['hostnames'][short]}.{self.map['domains'][domain]}")

    def learn_domain(self, domain):
        domain = domain.strip().strip(".").lower()
        if "." in domain and domain not in NOT_NAMES:
            self._add("domains", domain, "domain", suffix=".example")

    def _add(self, kind, key, prefix, suffix="", value=None):
        if key not in self.map[kind]:
            self.map[kind][key] = value or f"{prefix}-{len(self.map[kind]) + 1}{suffix}"
            self._pattern = None

    def learn_bundle(self, path):
        """Names a bundle states: hostname files, uname, manifest, /etc/hosts, search domains, syslog hosts."""
        for member in archive.walk(path):
            if member.link:
                continue
            if member.name in HOSTNAME_MEMBERS:
                with member.open() as raw:
                    self._learn_text(member.name, raw.read(1 << 20).decode("utf-8", "replace"))
            elif member.name in PROCESS_MEMBERS:
                with member.open() as raw:
                    for name in set(NODE_NAME.findall(raw.read(8 << 20))):
                        self.learn(name.decode("utf-8", "replace"))
            elif re.search(r"(^|/)(messages|syslog|kern\.log)[^/]*$", member.name) and not member.name.endswith(".gz"):
                with member.open() as raw:
                    for host in set(SYSLOG_HOST.findall(raw.read(256 << 10))):
                        self.learn(host.decode("utf-8", "replace"))

    def _learn_text(self, name, text):
        if name.endswith("manifest.json"):
            try:
                self.learn(str(json.loads(text).get("hostname") or ""))
            except (ValueError, AttributeError):
                pass
        elif name.endswith("uname_-a"):
            words = text.split()
            if len(words) > 1:
                self.learn(words[1])
        elif name.endswith("hosts"):
            for line in text.splitlines():
                for word in line.split("#")[0].split()[1:]:
                    self.learn(word)
        elif name.endswith("resolv.conf"):
            for line in text.splitlines():
                words = line.split()
                if words and words[0] in ("search", "domain"):
                    for domain in words[1:]:
                        self.learn_domain(domain)
        else:
            self.learn(text.splitlines()[0] if text.strip() else "")

    # -- rewriting ----------------------------------------------------------------------
    def _compiled(self):
        """Three patterns, one pass each: Python's re is several times faster on each alone
        than on their alternation. Replacements of one pass never match the next."""
        if self._pattern is None:
            words = sorted({**self.map["hostnames"], **self.map["domains"], **self.map["keywords"]}, key=len, reverse=True)
            names = b"|".join(re.escape(w.encode()) for w in words) or b"(?!)"
            self._words = {w.encode(): v.encode() for k in ("keywords", "domains", "hostnames") for w, v in self.map[k].items()}
            # '-' and '_' end a name (sosql-node5-2018...), '.' before a letter does not (vm.swappiness)
            self._pattern = [(re.compile(IPV4), self._ip), (re.compile(MAC), self._mac),
                             (re.compile(rb"(?<![A-Za-z0-9.])(?:" + names + rb")(?![A-Za-z0-9]|\.[A-Za-z])", re.I),
                              lambda found: self._words.get(found.lower(), found))]
        return self._pattern

    def bytes(self, data):
        for pattern, replace in self._compiled():
            data = pattern.sub(lambda match: replace(match.group()), data)
        return data

    def text(self, text):
        return self.bytes(text.encode("utf-8", "surrogateescape")).decode("utf-8", "surrogateescape")

    def _ip(self, ip):
        octets = ip.split(b".")
        if ip.startswith(KEEP_IPS) or any(int(o) > 255 for o in octets):
            return ip
        network = b".".join(octets[:3]).decode()
        if network not in self.map["networks"]:
            k = len(self.map["networks"])
            self.map["networks"][network] = f"100.{64 + k // 256 % 64}.{k % 256}"
        return self.map["networks"][network].encode() + b"." + octets[3]

    def _mac(self, mac):
        if mac.lower() in KEEP_MACS:
            return mac
        key = mac.lower().decode()
        if key not in self.map["macs"]:
            k = len(self.map["macs"]) + 1
            self.map["macs"][key] = "53:6f:73:%02x:%02x:%02x" % (k >> 16 & 255, k >> 8 & 255, k & 255)
        return self.map["macs"][key].encode()

    def write_bundle(self, path, out_dir):
        """A redacted copy of one bundle as a .tar.gz in out_dir; returns its path."""
        stem = re.sub(r"\.(tar(\.\w+)?|tgz|txz)$", "", Path(path).name)
        target = Path(out_dir) / (self.text(stem) + "-redacted.tar.gz")
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            for member in archive.walk(path):
                info = tarfile.TarInfo(self.text(member.name))
                if member.link:
                    info.type, info.linkname = tarfile.SYMTYPE, self.text(member.link)
                    tar.addfile(info)
                    continue
                with member.open() as raw, tempfile.SpooledTemporaryFile(64 << 20) as spool:
                    self._stream(raw, spool)
                    info.size = spool.tell()
                    spool.seek(0)
                    tar.addfile(info, spool)
        return target

    def _stream(self, raw, out):
        """Redact a member into `out` in line-aligned blocks (gzip members stay gzip)."""
        gzipped = hasattr(raw, "peek") and raw.peek(2)[:2] == b"\x1f\x8b"
        source = gzip.GzipFile(fileobj=raw) if gzipped else raw
        sink = gzip.GzipFile(fileobj=out, mode="wb", mtime=0) if gzipped else out
        pending = b""
        for block in iter(lambda: source.read(8 << 20), b""):
            data = pending + block
            cut = data.rfind(b"\n") + 1 or len(data)
            sink.write(self.bytes(data[:cut]))
            pending = data[cut:]
        sink.write(self.bytes(pending))
        if gzipped:
            sink.close()


def redact(paths, out_dir, map_file, keywords=()):
    """Redact the bundles named by `paths` into out_dir; the map goes to map_file (reused if it exists)."""
    from .loader import expand
    out_dir, map_file = Path(out_dir), Path(map_file)
    if map_file.resolve().parent == out_dir.resolve():
        raise SosqlError(f"{map_file}: the map would land in the output folder; put it elsewhere")
    mapping = json.loads(map_file.read_text()) if map_file.exists() else None
    redactor = Redactor(mapping, keywords)
    bundles = expand(paths)
    for path in bundles:
        redactor.learn_bundle(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [redactor.write_bundle(path, out_dir) for path in bundles]
    map_file.write_text(json.dumps(redactor.map, indent=1, sort_keys=True))
    return written, redactor
