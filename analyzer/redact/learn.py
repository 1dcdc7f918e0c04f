"""What to redact, learned from a bundle before anything is written: hostnames, FQDNs,
domains and user names, from the files that state them and from every log line.

    >>> learner = BundleLearner(redactor)
    >>> learner.text("etc/hosts", b"10.0.0.5 db_prod_01.corp.example db_prod_01\\n")
    >>> learner.finish()            # redactor.map["hostnames"] now has db_prod_01

Names come from: hostname files, uname, the manifest (and collection.json), /etc/hosts,
hostnamectl, resolv.conf (search domains), passwd (uid >= 1000), ps (the users of processes),
syslog and journal lines (the host field), `user@host` and `rabbit@host`, kubelet's node
names, ceph daemon names (mon.host), the domains of e-mail addresses and /home/<user> paths.
"""
import re

from sosql.errors import SosqlError
from sosql.redact.mapfile import load_json

SYSLOG_HOST = re.compile(rb"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.,+-]+Z?)"
                         rb" ([^\s\[:]+)[\s:\[]", re.M)
AT = re.compile(rb"@([\w\x80-\xff][\w\x80-\xff.-]*[\w\x80-\xff])")
LOCAL = re.compile(rb"[\w.+-]{1,64}\Z")
NODE = re.compile(rb"(?:hostname-override|node-name|nodeName|node|hostname)[=:] ?[\"']?"
                  rb"([\w\x80-\xff][\w\x80-\xff.-]*)")
CEPH = re.compile(rb"\b(?:mon|mgr|mds)\.([A-Za-z][\w-]*)")
HOME = re.compile(rb"/home/([\w.-]+)")
# `x@y.service` and `x@y.log` are systemd instances and file names, not e-mail addresses
SUFFIXES = {"service", "socket", "timer", "mount", "target", "slice", "scope", "path", "device", "swap", "journal",
            "log", "conf", "pid", "sock", "json", "yaml", "lock", "gz", "xz", "bz2", "txt", "d", "mo", "so", "py", "sh",
            "deb", "rpm", "html", "xml", "ini", "cfg", "pem", "crt", "key", "old", "bak", "tmp"}
# Those whose `@instance` is a node name, and the default accounts of cloud images and
# distros (not personal; `ubuntu` is also the distro's name, which findings depend on)
NAME_CARRIERS = {"rabbit", "ceph-mon", "ceph-mgr", "ceph-mds", "ceph-crash", "etcd", "root", "ubuntu", "ec2-user",
                 "centos", "cloud-user", "admin"}
DEFAULT_USERS = {"root", "ubuntu", "ec2-user", "centos", "cloud-user", "fedora", "debian", "admin", "vagrant",
                 "core", "nobody", "user", "USER", "stack", "opc", "azureuser", "rocky", "almalinux"}
SYSTEM_USERS = set("""daemon bin sys sync games man lp mail news uucp proxy www-data backup list irc gnats
systemd-network systemd-resolve systemd-timesync systemd-coredump systemd-journal syslog messagebus
_apt uuidd tcpdump landscape pollinate sshd lxd dnsmasq chrony _chrony ntp polkitd rpc rpcuser dbus
nova neutron ceph rabbitmq mysql postgres glance cinder keystone swift heat libvirt-qemu libvirt-dnsmasq
qemu etcd kube docker containerd zabbix nagios snmp avahi colord postfix nscd nslcd haproxy memcache
memcached redis apache nginx named bind tss usbmux rtkit geoclue pulse kernoops saned whoopsie
ovs openvswitch libvirt vault consul prometheus grafana telegraf td-agent jenkins gitlab-runner
abrt adm halt operator ftp shutdown systemd-oom sssd unbound setroubleshoot cockpit-ws""".split())
READ_CAP = 1 << 20            # the files that state a name are small; their head is enough


def distinctive(name):
    """A name that cannot be an ordinary word: it has a digit, '-' or '_' besides letters.

    >>> distinctive("juju-04f1e3-1-lxd-5"), distinctive("buffer")
    (True, False)
    """
    return bool(re.search(r"[^\W\d_]", name) and re.search(r"[\d_-]", name))


class BundleLearner:
    """Collects one bundle's names into `redactor` (see Redactor.learn*)."""

    def __init__(self, redactor):
        self.r = redactor
        self.ps_users, self.system_users, self.users = set(), set(), set()

    def text(self, name, data):
        """A member's text (bytes, a line-aligned block): the generic scan, and the
        member-specific one for the files that state names."""
        base = name.rsplit("/", 1)[-1]
        for found in SYSLOG_HOST.findall(data):
            self._learn(found, distinct=False)
        self._ats(data)
        for found in NODE.findall(data) + CEPH.findall(data):
            self._learn(found, distinct=True)
        self.users.update(u.decode("utf-8", "replace") for u in HOME.findall(data))
        if base in ("hostname", "hostname_-f", "hostname_-s", "hostname_-A", "hostname_-a"):
            for word in data[:READ_CAP].split():
                self._learn(word, distinct=False)
        text = data[:READ_CAP].decode("utf-8", "replace")
        handler = {"hosts": self._hosts, "resolv.conf": self._resolv, "passwd": self._passwd,
                   "manifest.json": self._manifest, "collection.json": self._manifest,
                   "hostnamectl_status": self._hostnamectl, "uname_-a": self._uname, "uname": self._uname}.get(base)
        if handler:
            handler(text, name)
        elif re.search(r"(^|/)ps(_[a-z]*u[a-z]*)?$", name):
            self._ps(text)

    def finish(self):
        """End of the bundle: users are decided once passwd and ps have both been seen."""
        for user in (self.users | self.ps_users) - self.system_users - SYSTEM_USERS - DEFAULT_USERS - NAME_CARRIERS:
            if not re.fullmatch(r"\d+|.*\+", user):       # ps shows ids and cuts long names with '+'
                self.r.learn_user(user)

    def _learn(self, raw, distinct):
        name = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if not distinct or distinctive(name):
            self.r.learn(name)

    def _ats(self, data):
        for match in AT.finditer(data):
            local = LOCAL.search(data, max(0, match.start() - 64), match.start())
            local = local.group().decode("utf-8", "replace") if local else ""
            host = match.group(1).decode("utf-8", "replace")
            labels = host.split(".")
            if len(labels) > 1 and labels[-1].lower() in SUFFIXES:
                host, labels = ".".join(labels[:-1]), labels[:-1]
            if len(labels) > 1 and labels[-1].isalpha():                # an e-mail address or user@fqdn
                if local in NAME_CARRIERS or local in self.users:
                    self.r.learn(host)
                else:
                    self.r.learn_domain(host if len(labels) == 2 else ".".join(labels[1:]))
            elif local in NAME_CARRIERS or local in self.users:
                if not re.fullmatch(r"(?:tty|pts|if|vcs|ttyS)\w*|[\d.]+", host):
                    self.r.learn(host)
            # someone@<a known host> is a user (ceph-osd@0 or getty@tty1 are units, not users)
            if labels[0].lower() in self.r.map["hostnames"] and re.fullmatch(r"[a-z_][\w.-]*", local):
                self.users.add(local)

    def _hosts(self, text, _):
        for line in text.splitlines():
            for word in line.split("#")[0].split()[1:]:
                self.r.learn(word)

    def _resolv(self, text, _):
        for line in text.splitlines():
            words = line.split()
            if words and words[0] in ("search", "domain"):
                for domain in words[1:]:
                    self.r.learn_domain(domain)

    def _passwd(self, text, _):
        for line in text.splitlines():
            fields = line.split(":")
            if len(fields) >= 4 and fields[2].isdigit():
                human = 1000 <= int(fields[2]) < 65534
                (self.users if human else self.system_users).add(fields[0])

    def _manifest(self, text, name):
        try:
            data = load_json(text, name)
        except SosqlError:
            return            # a broken manifest has no name to learn; the copy is still redacted
        if isinstance(data, dict):
            self.r.learn(str(data.get("hostname") or ""))

    def _hostnamectl(self, text, _):
        for found in re.findall(r"(?:Static|Transient|Pretty) hostname: *(\S+)", text):
            self.r.learn(found)

    def _uname(self, text, _):
        words = text.split()
        if len(words) > 1 and words[0] == "Linux":
            self.r.learn(words[1])

    def _ps(self, text):
        lines = text.splitlines()
        if lines and lines[0].split()[:1] == ["USER"]:
            self.ps_users.update(line.split()[0] for line in lines[1:] if line.split())
