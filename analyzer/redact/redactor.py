"""Redaction for sharing: names, addresses, e-mails, users and chosen keywords replaced
consistently across every bundle of a run (and across runs, with the map file).

    >>> r = Redactor(keywords=["acme"])
    >>> r.learn("db_prod_01.corp.acme.net")
    >>> r.text("ssh alice@db_prod_01 from 10.1.2.3 (acme)")
    'ssh alice@host-1 from 100.64.0.3 (keyword-1)'

- hostnames -> host-N (with their siblings: juju-04f1e3-1-lxd-N is learned from one of
  them), their domains -> domain-N.example, users -> user-N, e-mails -> email-N@example.invalid;
- addresses: see redact_patterns.py (IPv4 /24s, IPv6 /64s, MACs and EUI-64 ids).

The map (original -> replacement) goes to its own file (mode 0600), never into the output.
Learning is in redact_learn.py, reading and writing bundles in redact_io.py.
"""
import re

from sosql.redact.addresses import Addresses
from sosql.redact.learn import SUFFIXES
from sosql.redact.mapfile import write_map  # noqa: F401
from sosql.redact.procnet import procnet

KINDS = ("hostnames", "domains", "users", "emails", "keywords", "networks", "macs", "networks6", "iids6")
# Not a node's own name: loopback aliases, placeholders of docs and configs, and the names a
# distro's image boots with (`ubuntu` is also the distro, which findings depend on).
NOT_NAMES = {"localhost", "localhost.localdomain", "localdomain", "localhost4", "localhost4.localdomain4",
             "localhost6", "localhost6.localdomain6", "localdomain4", "localdomain6", "(none)", "unknown", "none",
             "ip6-localhost", "ip6-loopback", "ip6-allnodes", "ip6-allrouters", "ip6-localnet", "ip6-mcastprefix",
             "ip6-allhosts", "server", "host", "hostname", "remote", "example", "ubuntu", "debian", "centos", "fedora"}
NAME = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*")           # letters of any script, digits, '_', '-'
FAMILY = re.compile(r"(.*[^\W\d_].*[-_])\d+")              # juju-04f1e3-1-lxd-5 -> juju-04f1e3-1-lxd-
EDGE = rb"[A-Za-z0-9\x80-\xff]"                            # '-', '_', '.' and the rest end a name
EMAIL = re.compile(rb"@((?:[\w-]+\.)+(?!(?:" + "|".join(sorted(SUFFIXES)).encode() + rb")(?![\w-]))[A-Za-z]{2,})(?![\w-])")
EMAIL_LOCAL = re.compile(rb"[\w.+-]{1,64}\Z")
DPKG_LINE = re.compile(rb"^([a-zA-Z]{2,3} +\S+ +)(\S+)(.*)\Z", re.S)  # dpkg -l: the version column is left whole


class Redactor:
    def __init__(self, mapping=None, keywords=()):
        self.map = {k: dict((mapping or {}).get(k, {})) for k in KINDS}
        self.addresses = Addresses(self.map)
        self.spellings = {}       # an input spelling the case-blind match misses (non-ASCII) -> replacement
        self._pattern = None
        for word in keywords:
            self._add("keywords", word.lower(), "keyword")

    # -- learning --------------------------------------------------------------------
    def learn(self, name):
        """A hostname or FQDN; its short name, its domain and the FQDN are all replaced."""
        name = name.strip().strip(".")
        low = name.lower()
        if low in NOT_NAMES or not NAME.fullmatch(low) or re.fullmatch(r"[\d.]+|[0-9a-f:]+|.*\.\d+|v\d.*", low):
            return
        short, _, domain = low.partition(".")
        self._add("hostnames", short, "host", spelling=name.partition(".")[0])
        if domain:
            self._add("domains", domain, "domain", suffix=".example")
            self._add("hostnames", low, None, value=f"{self.map['hostnames'][short]}.{self.map['domains'][domain]}",
                      spelling=name)

    def learn_domain(self, domain):
        domain = domain.strip().strip(".").lower()
        if "." in domain and domain not in NOT_NAMES and NAME.fullmatch(domain):
            self._add("domains", domain, "domain", suffix=".example")

    def learn_user(self, user):
        if NAME.fullmatch(user.lower()) and user.lower() not in self.map["hostnames"]:
            self._add("users", user.lower(), "user", spelling=user)

    def _add(self, kind, key, prefix, suffix="", value=None, spelling=None):
        if key not in self.map[kind]:
            self.map[kind][key] = value or f"{prefix}-{len(self.map[kind]) + 1}{suffix}"
            self._pattern = None
        if spelling and spelling.lower() != key.lower() or spelling and not spelling.isascii():
            self.spellings[spelling.encode()] = self.map[kind][key].encode()
            self._pattern = None

    # -- rewriting ----------------------------------------------------------------------
    def _compiled(self):
        if self._pattern is None:
            words = {}
            for kind in ("keywords", "users", "domains", "hostnames"):      # a hostname wins over a user
                words.update((k.encode(), v.encode()) for k, v in self.map[kind].items()
                             if kind != "domains" or "." in k)                # never a bare TLD
            words.update(self.spellings)
            families = {m.group(1) for m in map(FAMILY.fullmatch, self.map["hostnames"]) if m and len(m.group(1)) >= 5}
            body = [trie_regex(words)] + [re.escape(f.encode()) + rb"\d+" for f in sorted(families)]
            self._words, self._generic = words, {w for w in words if w.isalpha() and w.islower()}
            self._empty = not words and not families
            self._pattern = re.compile(rb"(?<!" + EDGE + rb")(?:" + b"|".join(body) + rb")(?!" + EDGE + rb")", re.I)
        return self._pattern

    def bytes(self, data, member=""):
        """Redact bytes; `member` names the file they come from (dpkg lists keep their versions)."""
        if member.endswith(("dpkg_-l", "installed-debs")):
            return b"".join(self._dpkg_line(line) for line in data.splitlines(True))
        if "proc/" in member:
            data = procnet(self.addresses, member, data)
        return self._names(self.addresses.sub(self._emails(data)))

    def _dpkg_line(self, line):
        match = DPKG_LINE.match(line)
        if not match:
            return self.bytes(line)
        return self.bytes(match.group(1)) + self._names(match.group(2)) + self.bytes(match.group(3))

    def text(self, text):
        return self.bytes(text.encode("utf-8", "surrogateescape")).decode("utf-8", "surrogateescape")

    def _names(self, data):
        pattern = self._compiled()
        return data if self._empty else pattern.sub(self._name, data)

    def _name(self, match):
        found = match.group()
        new = self._words.get(found.lower()) or self._words.get(found)
        if new is None:                                   # a sibling of a learned host, seen first here
            self.map["hostnames"].setdefault(found.lower().decode(), f"host-{len(self.map['hostnames']) + 1}")
            new = self._words[found.lower()] = self.map["hostnames"][found.lower().decode()].encode()
        if found.lower() in self._generic:                # a plain word as a name: not in vm.swappiness
            text, start, end = match.string, match.start(), match.end()
            if text[start - 1:start] == b"." or re.match(rb"\.[A-Za-z]", text[end:end + 2]):
                return found
        return new

    def _emails(self, data):
        """user@domain.tld -> email-N@example.invalid. Found from the '@' (a regex starting
        with the local part's class would try every position of the text)."""
        if b"@" not in data:
            return data
        out, last = [], 0
        for match in EMAIL.finditer(data):
            local = EMAIL_LOCAL.search(data, max(last, match.start() - 64), match.start())
            if not local:
                continue
            key = data[local.start():match.end()].lower().decode("utf-8", "replace")
            self.map["emails"].setdefault(key, f"email-{len(self.map['emails']) + 1}@example.invalid")
            out += [data[last:local.start()], self.map["emails"][key].encode()]
            last = match.end()
        return b"".join(out) + data[last:]


def local_paths(db):
    """(local path, neutral name) pairs for a report: the bundles' paths as loaded, resolved
    too, -> bundle-N, the store's -> sosql-store; longest first (one may contain another)."""
    from pathlib import Path

    from sosql.store.store import open_store
    if db is None or not Path(db).exists():
        return []
    with open_store(db, read_only=True) as store:
        paths = [r[0].split("!")[0] for r in store.execute(
            "SELECT path FROM bundles UNION SELECT path FROM load_errors ORDER BY 1").fetchall() if r[0]]
    pairs = {p: f"bundle-{i}" for i, p in enumerate(dict.fromkeys(paths), 1)}
    pairs.update({str(Path(p).resolve()): n for p, n in list(pairs.items())})
    pairs.update({str(db): "sosql-store", str(Path(db).resolve()): "sosql-store"})
    return sorted(((p, n) for p, n in pairs.items() if len(p) > 1), key=lambda pair: -len(pair[0]))


def trie_regex(words):
    """One alternation factored by common prefixes: the engine picks a branch by its first
    byte instead of trying every word at every position.

    >>> trie_regex([b"ab", b"ac"])
    b'a(?:b|c)'
    """
    if not words:
        return b"(?!)"
    trie = {}
    for word in words:
        node = trie
        for byte in word.lower():
            node = node.setdefault(byte, {})
        node[None] = True
    return _node_regex(trie)


def _node_regex(root):
    """Iterative, so a long name cannot exhaust the stack."""
    def build(node):
        branches = [re.escape(bytes([b])) + built[id(child)] for b, child in sorted((k, v) for k, v in node.items()
                                                                                     if k is not None)]
        if not branches:
            return b""
        body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
        return b"(?:" + body + b")?" if None in node else body
    built, stack, order = {}, [root], []
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(v for k, v in node.items() if k is not None)
    for node in reversed(order):
        built[id(node)] = build(node)
    return built[id(root)]
