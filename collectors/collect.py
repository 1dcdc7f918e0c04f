#!/usr/bin/env python3
"""sosql node collector: copy this one file to a node and run `python3 collect.py`.

It writes one tarball, sosql-<host>-<UTC time>.tar.gz, in the bundle format of
docs/bundle-format.md (version 1): what sosql needs to diagnose the node.

- Python standard library only; runs on Python 3.6 and newer (RHEL/CentOS 7.7+).
- No shell: every command is an argument vector run with shell=False and a
  timeout. Files are read directly. A missing command, a permission error or a
  timeout is recorded in manifest.json and the collection carries on (a daemon
  that hangs costs one timeout: its client's later commands are skipped).
- Bounded: logs and command output keep their newest data up to a cap; a total
  size cap and a total deadline stop the run from filling a disk or hanging.
- Private by default: no keys, certificates or kubeconfigs; password-like
  values in configuration files and process arguments are replaced by ********.
"""
import argparse
import fnmatch
import glob
import hashlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import threading
import time
from datetime import datetime, timezone

VERSION = "1.0.0"
FORMAT = "sosql-bundle"
FORMAT_VERSION = 1
MB = 1024 * 1024
SBIN = ("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin")
UNITS = ("docker", "containerd", "kubelet", "etcd", "flanneld", "kube-router", "keepalived")
SHOWN_UNITS = ("kubelet", "docker", "containerd", "etcd", "crio")       # systemctl show: their state and restarts


class Cmd(object):
    """A command to run. name: the member under commands/ (default: argv joined by _).
    fallback_for: run only when that command's item failed. unless_files: skip when
    any of these files exists. scrub: replace password-like values in the output."""

    def __init__(self, argv, name=None, fallback_for=None, unless_files=(), scrub=False):
        self.argv, self.fallback_for, self.unless_files, self.scrub = argv, fallback_for, unless_files, scrub
        self.name = name or "_".join(argv).replace("/", ".")


class Files(object):
    """Files to copy: glob patterns of absolute paths. log: keep the newest data up to
    the per-log cap, newest files first (rotated logs). scrub: as for Cmd. newest: copy
    only the N most recently modified matches, each from its start (a sar file's header
    holds its date)."""

    def __init__(self, *patterns, **options):
        self.patterns = patterns
        self.log = options.get("log", False)
        self.scrub = options.get("scrub", False)
        self.newest = options.get("newest")    # keep only the N newest matches (daily files: sar)


# What to collect, in order. Add an entry here to collect something new.
COMMANDS = [
    Cmd(["uname", "-a"]), Cmd(["hostname"]),
    Cmd(["date"]), Cmd(["timedatectl"]), Cmd(["chronyc", "tracking"]), Cmd(["ntpstat"]),
    Cmd(["dmesg"]),
    Cmd(["journalctl", "--no-pager", "-k", "-b"], fallback_for="dmesg"),
    Cmd(["journalctl", "--no-pager", "--since", "-7d"],
        unless_files=("/var/log/messages", "/var/log/syslog")),
] + [Cmd(["journalctl", "--no-pager", "-u", unit, "--since", "-7d"]) for unit in UNITS] + [
    Cmd(["iptables-save"]), Cmd(["ip6tables-save"]),
    Cmd(["iptables-legacy-save"]), Cmd(["ip6tables-legacy-save"]),
    Cmd(["iptables-nft-save"]), Cmd(["ip6tables-nft-save"]),
    Cmd(["nft", "list", "ruleset"]),
    Cmd(["ip", "-d", "link"]), Cmd(["ip", "-d", "addr"]), Cmd(["ip", "route"]), Cmd(["ip", "rule"]),
    Cmd(["ip", "route", "show", "table", "all"]), Cmd(["ip", "-6", "route", "show", "table", "all"]),
    Cmd(["ss", "-tulpn"]),
    Cmd(["bridge", "link"]),
    Cmd(["sysctl", "-a"]),
    Cmd(["lscpu"]),
    Cmd(["docker", "info", "--format", "{{json .}}"], name="docker_info_--format_json"),
    Cmd(["docker", "info"]), Cmd(["docker", "version"]),
    Cmd(["ps", "auxwww"], scrub=True),
    Cmd(["rpm", "-qa"]),
    Cmd(["dpkg-query", "-W", "-f", "${Package}\\t${Version}\\t${Architecture}\\t${Status}\\n"],
        name="dpkg-query_-W"),
    Cmd(["df", "-al"]), Cmd(["df", "-ali"]),
    Cmd(["systemctl", "list-units", "--failed", "--no-pager", "--all"]),
    Cmd(["systemctl", "list-units", "--all", "--no-pager"]),
    Cmd(["systemctl", "list-unit-files", "--no-pager"]),
    Cmd(["systemctl", "show"] + ["{}.service".format(u) for u in SHOWN_UNITS] + ["--no-pager"]),
    Cmd(["lsblk", "-b", "-P", "-o", "NAME,KNAME,PKNAME,MAJ:MIN,TYPE,SIZE,RO,RM,ROTA,FSTYPE,MOUNTPOINT,MODEL"],
        name="lsblk_-b_-P_-o_columns"),
    Cmd(["lsblk"], fallback_for="lsblk_-b_-P_-o_columns"),      # util-linux before 2.23: no PKNAME
    Cmd(["multipath", "-ll"]), Cmd(["iscsiadm", "-m", "session", "-P", "3"]),
    Cmd(["ip", "-6", "rule"]),
    Cmd(["podman", "info", "--format", "json"]),
    Cmd(["podman", "info"], fallback_for="podman_info_--format_json"),    # podman 1.x: no --format
    Cmd(["crictl", "info"]),
]

# Programs that ask a daemon: when it hangs, every one of their commands waits out the
# timeout (three docker commands, three times --timeout). After one times out, the rest skip.
DAEMON_CLIENTS = ("docker", "crictl", "podman", "systemctl", "timedatectl", "chronyc")

# Run for each network device with hardware behind it (/sys/class/net/DEV/device) and each
# named network namespace (/var/run/netns/NS): {dev} and {ns} are replaced, up to these many.
PER_DEVICE = [["ethtool", "-S", "{dev}"]]
PER_NAMESPACE = [["ip", "netns", "exec", "{ns}", "iptables-save"], ["ip", "netns", "exec", "{ns}", "ip6tables-save"]]
MAX_DEVICES, MAX_NAMESPACES = 32, 32

FILES = [
    Files("/proc/version", "/proc/cmdline", "/proc/uptime", "/proc/modules", "/proc/meminfo",
          "/proc/cpuinfo", "/proc/mounts", "/proc/sys/kernel/random/boot_id",
          "/proc/sys/kernel/tainted", "/proc/sys/kernel/hostname"),
    Files("/proc/vmstat", "/proc/buddyinfo", "/proc/net/netstat", "/proc/net/snmp", "/proc/net/sockstat",
          "/proc/net/softnet_stat", "/proc/net/netlink", "/proc/net/dev", "/proc/loadavg", "/proc/pressure/*"),
    Files("/proc/partitions", "/proc/net/bonding/*"),
    Files("/var/log/sa/sar[0-9]*", "/var/log/sysstat/sar[0-9]*", newest=7),
    Files("/sys/kernel/oops_count", "/sys/kernel/warn_count",
          "/proc/sys/kernel/softlockup_panic", "/proc/sys/kernel/hung_task_timeout_secs"),
    Files("/etc/os-release", "/usr/lib/os-release", "/etc/redhat-release", "/etc/lsb-release",
          "/etc/hostname", "/etc/timezone", "/etc/resolv.conf", "/etc/hosts"),
    Files("/etc/sysctl.conf", "/etc/sysctl.d/*.conf", "/run/sysctl.d/*.conf", "/usr/lib/sysctl.d/*.conf",
          "/etc/default/grub", "/etc/kdump.conf", "/etc/rsyslog.conf", "/etc/rsyslog.d/*.conf"),
    Files("/sys/block/bcache*/bcache/cache_mode", "/sys/fs/bcache/*/congested_*_threshold_us"),
    Files("/sys/class/dmi/id/sys_vendor", "/sys/class/dmi/id/product_name",
          "/sys/class/dmi/id/product_version", "/sys/class/dmi/id/bios_vendor", "/sys/class/dmi/id/bios_version"),
    Files("/etc/docker/daemon.json", "/etc/sysconfig/docker", "/etc/sysconfig/kubelet",
          "/etc/default/kubelet", "/var/lib/kubelet/config.yaml", "/var/lib/kubelet/kubeadm-flags.env",
          "/etc/systemd/system/kubelet.service.d/*.conf", "/usr/lib/systemd/system/kubelet.service.d/*.conf",
          "/etc/kubernetes/manifests/*.yaml", "/etc/kubernetes/manifests/*.json",
          "/etc/keepalived/keepalived.conf", "/etc/cni/net.d/*", "/run/flannel/subnet.env",
          "/etc/chrony.conf", "/etc/ntp.conf", scrub=True),
    Files("/var/log/messages*", "/var/log/syslog*", "/var/log/kern.log*", "/var/log/dmesg", log=True),
    Files("/var/crash/*/vmcore-dmesg.txt", "/sys/fs/pstore/dmesg-*", log=True),
]

# Never collected, whatever a pattern above matches: credentials and keys.
NEVER = ("*.key", "*.pem", "*.crt", "*kubeconfig*", "/etc/kubernetes/*.conf", "/etc/kubernetes/pki/*",
         "*/id_rsa*", "*token*", "*secret*")
SECRETS = (  # (what to keep, the secret): key: value / key=value, --flag value, Bearer value
    re.compile(r"""(?i)((?:password|passwd|secret|token|api[_-]?key|credential)[\w.-]*["']?\s*[:=]\s*["']?)"""
               r"""([^\s"',}]+)"""),
    re.compile(r"(?i)(--[\w-]*(?:password|passwd|secret|token|api-key)[\w-]*\s+)([^\s-]\S*)"),
    re.compile(r"(?i)(\bbearer\s+)(\S+)"),
)


def scrub(data):
    """Replace the values of password-like keys and flags with ********."""
    text = data.decode("utf-8", "replace")
    for pattern in SECRETS:
        text = pattern.sub(lambda m: m.group(1) + "********", text)
    return text.encode("utf-8")


class Tail(object):
    """The last `cap` bytes of a stream, and how many bytes there were in all."""

    def __init__(self, cap):
        self.cap, self.total, self.data = cap, 0, bytearray()

    def add(self, block):
        self.total += len(block)
        self.data += block
        if len(self.data) > 2 * self.cap:
            del self.data[:len(self.data) - self.cap]

    def value(self):
        return bytes(self.data[-self.cap:]) if self.cap else b""

    @property
    def truncated(self):
        return self.total > self.cap


def _drain(stream, tail):
    for block in iter(lambda: stream.read(65536), b""):
        tail.add(block)


def run(argv, timeout, cap, path):
    """Run argv without a shell. Returns (stdout tail, returncode, error text)."""
    env = dict(os.environ, LC_ALL="C", LANG="C", PATH=path)
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, shell=False, env=env, start_new_session=True)
    except OSError as exc:
        reason = "not installed" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)
        return Tail(0), None, "{}: {}".format(argv[0], reason)
    out, err = Tail(cap), Tail(4096)
    readers = [threading.Thread(target=_drain, args=(proc.stdout, out)),
               threading.Thread(target=_drain, args=(proc.stderr, err))]
    for reader in readers:
        reader.daemon = True
        reader.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return out, None, "timed out after {:g}s".format(timeout)
    finally:
        for reader in readers:
            reader.join(5)
    if proc.returncode != 0:
        stderr = " ".join(err.value().decode("utf-8", "replace").split())[:300]
        return out, proc.returncode, "exit status {}: {}".format(proc.returncode, stderr)
    return out, 0, None


def _kill(proc):
    try:
        os.killpg(proc.pid, 9)
    except OSError:
        proc.kill()
    proc.wait()


def read_tail(path, cap):
    """The newest `cap` bytes of a file, starting at a line boundary. Returns (bytes, truncated)."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size <= cap or path.endswith(".gz"):
            f.seek(0)
            data = f.read(cap + 1)
            if len(data) > cap:
                raise ValueError("compressed file larger than the per-log cap ({} MB)".format(cap // MB))
            return data, False
        f.seek(size - cap)
        data = f.read(cap)
        cut = data.find(b"\n")
        return (data[cut + 1:] if cut >= 0 else data), True


def read_file(path, cap):
    """A small file (or /proc, /sys, whose size reads as 0). Returns (bytes, truncated).

    Read in blocks: /proc/sys files fail a read() larger than the kernel will allocate."""
    data = bytearray()
    with open(path, "rb") as f:
        while len(data) <= cap:
            block = f.read(65536)
            if not block:
                break
            data += block
    return bytes(data[:cap]), len(data) > cap


class Collection(object):
    """One run: collects into <output>/sosql-<host>-<utc>.tar.gz, written as it goes."""

    def __init__(self, options):
        self.o = options
        self.started = time.monotonic()
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self.host = socket.gethostname()
        self.top = "sosql-{}-{}".format(re.sub(r"[^\w.-]", "_", self.host), self.now.strftime("%Y%m%dT%H%M%SZ"))
        self.items, self.stored = [], 0
        self.hung = set()          # daemon clients that timed out once
        self.path = os.path.join(options.output, self.top + ".tar.gz")
        self.partial = self.path + ".partial"

    # -- limits ----------------------------------------------------------------
    def time_left(self):
        return self.o.deadline - (time.monotonic() - self.started)

    def room(self):
        return self.o.max_total_mb * MB - self.stored

    def excluded(self, *names):
        return any(fnmatch.fnmatch(n, p) for n in names for p in self.o.exclude)

    def node(self, path):
        return os.path.join(self.o.root, path.lstrip("/")) if self.o.root else path

    # -- the run ---------------------------------------------------------------
    def collect(self):
        with tarfile.open(self.partial, "w:gz") as self.tar:
            self.add_member("", None)
            # The manifest's facts come first as well: a load knows the collection's time and the
            # boot before it reads the logs, and dates their lines once (not again at the end).
            header = self.header()
            self.add_member("collection.json", _json(header))
            failed = set()
            for cmd in COMMANDS + node_commands(self.node):
                if self.wanted(cmd, failed):
                    item = self.command(cmd)
                    if item["error"]:
                        failed.add(cmd.name)
            for group in FILES:
                for pattern in group.patterns:
                    self.files(group, pattern)
            self.add_member("manifest.json", _json(dict(header, items=self.items)))
        os.rename(self.partial, self.path)
        return self.path

    def wanted(self, cmd, failed):
        if cmd.fallback_for and cmd.fallback_for not in failed:
            return False
        return not any(os.path.exists(self.node(f)) for f in cmd.unless_files)

    def command(self, cmd):
        item = {"kind": "command", "argv": cmd.argv, "path": None}
        if self.excluded(cmd.name, cmd.argv[0]):
            return self.record(item, error="excluded by --exclude")
        if self.time_left() <= 0 or self.room() <= 0:
            return self.record(item, error="skipped: total deadline or size cap reached")
        if cmd.argv[0] in self.hung:
            return self.record(item, error="skipped: an earlier {} command timed out".format(cmd.argv[0]))
        started = time.monotonic()
        out, returncode, error = run(cmd.argv, min(self.o.timeout, max(self.time_left(), 1)),
                                     min(self.o.max_command_mb * MB, self.room()), self.o.path)
        if error and error.startswith("timed out") and cmd.argv[0] in DAEMON_CLIENTS:
            self.hung.add(cmd.argv[0])
        data = out.value()
        if out.truncated:           # the kept tail starts at a line boundary
            data = data[data.find(b"\n") + 1:]
        data = scrub(data) if cmd.scrub else data
        item.update(returncode=returncode, duration_s=round(time.monotonic() - started, 3))
        if data or returncode == 0:
            self.store(item, "commands/" + cmd.name, data)
        return self.record(item, error=error, truncated=out.truncated)

    def files(self, group, pattern):
        matches = sorted(glob.glob(self.node(pattern)))
        if not glob.has_magic(pattern) and not matches:
            return self.record({"kind": "file", "source": pattern, "path": None}, error="no such file")
        if group.newest:
            matches = sorted(matches, key=lambda p: -_mtime(p))[:group.newest]
        if group.log:   # the live log, then rotated ones newest first: the caps keep what matters
            live = self.node(pattern.rstrip("*"))
            matches = sorted(matches, key=lambda p: (p != live, -_mtime(p)))[:1 + self.o.max_rotated]
        for real in matches:
            source = "/" + os.path.relpath(real, self.o.root) if self.o.root else real
            if not os.path.isdir(real):
                self.file(group, source, real)

    def file(self, group, source, real):
        item = {"kind": "file", "source": source, "path": None}
        if self.excluded(source) or any(fnmatch.fnmatch(source, p) for p in NEVER):
            return self.record(item, error="excluded" + (" by --exclude" if self.excluded(source) else ": may hold credentials"))
        if self.time_left() <= 0 or self.room() <= 0:
            return self.record(item, error="skipped: total deadline or size cap reached")
        cap = min((self.o.max_log_mb if group.log else self.o.max_command_mb) * MB, self.room())
        started = time.monotonic()
        try:
            data, truncated = (read_tail if group.log else read_file)(real, cap)
        except (OSError, ValueError) as exc:
            return self.record(item, error=_describe(exc))
        item["duration_s"] = round(time.monotonic() - started, 3)
        self.store(item, "files/" + source.lstrip("/"), scrub(data) if group.scrub else data)
        return self.record(item, truncated=truncated)

    # -- writing ---------------------------------------------------------------
    def store(self, item, member, data):
        self.add_member(member, data)
        self.stored += len(data)
        item.update(path=member, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())

    def add_member(self, name, data):
        info = tarfile.TarInfo(self.top + ("/" + name if name else ""))
        info.mtime = int(time.time())
        if data is None:
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            self.tar.addfile(info)
        else:
            info.size, info.mode = len(data), 0o644
            self.tar.addfile(info, io.BytesIO(data))

    def record(self, item, error=None, truncated=False):
        for key in ("argv", "source", "returncode", "duration_s", "sha256"):
            item.setdefault(key, None)
        item.setdefault("bytes", 0)
        item.update(truncated=truncated, error=error)
        self.items.append(item)
        return item

    def header(self):
        """The manifest's fields but its items."""
        local = self.now.astimezone()
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "collector_version": VERSION,
                "hostname": self.host, "boot_id": _first_line(self.node("/proc/sys/kernel/random/boot_id")),
                "boot_time": _boot_time(self.node("/proc/stat")),
                "collected_at_utc": self.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "collected_at_local": local.isoformat()}


def _json(doc):
    return json.dumps(doc, indent=1).encode("utf-8")


def node_commands(node):
    """PER_DEVICE and PER_NAMESPACE for what this node has; `node` maps a path below --root."""
    devices = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(node("/sys/class/net/*/device")))
    netns = node("/var/run/netns")
    namespaces = sorted(os.listdir(netns)) if os.path.isdir(netns) else []
    return ([Cmd([a.format(dev=d) for a in argv]) for d in devices[:MAX_DEVICES] for argv in PER_DEVICE] +
            [Cmd([a.format(ns=n) for a in argv]) for n in namespaces[:MAX_NAMESPACES] for argv in PER_NAMESPACE])


def _mtime(path):
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0


def _describe(exc):
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _first_line(path):
    try:
        with open(path) as f:
            return f.readline().strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _boot_time(stat_path):
    try:
        with open(stat_path) as f:
            btime = next(int(line.split()[1]) for line in f if line.startswith("btime "))
    except (OSError, StopIteration, ValueError, IndexError):
        return None
    return datetime.fromtimestamp(btime, timezone.utc).astimezone().isoformat()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="collect.py", description="Collect this node's state into one sosql bundle (.tar.gz).")
    parser.add_argument("--output", "-o", default=".", help="folder to write the bundle to, made if missing (default: .)")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                        help="skip items whose path, command name or program matches (fnmatch; repeatable)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per command (default: 30)")
    parser.add_argument("--deadline", type=float, default=300, help="seconds for the whole run (default: 300)")
    parser.add_argument("--max-total-mb", type=int, default=512, help="cap on the bundle's data (default: 512)")
    parser.add_argument("--max-log-mb", type=int, default=64, help="newest data kept per log (default: 64)")
    parser.add_argument("--max-command-mb", type=int, default=32,
                        help="output kept per command or file (default: 32)")
    parser.add_argument("--max-rotated", type=int, default=4, help="rotated files kept per log (default: 4)")
    parser.add_argument("--root", default="", help=argparse.SUPPRESS)   # tests: read files below this folder
    parser.add_argument("--path", default=None,
                        help="where to look for commands (default: $PATH and the sbin folders)")
    options = parser.parse_args(argv)
    if options.path is None:
        dirs = os.environ.get("PATH", "").split(os.pathsep)
        options.path = os.pathsep.join(d for d in dirs + [d for d in SBIN if d not in dirs] if d)
    return options


def main(argv=None):
    options = parse_args(argv)
    try:     # a folder that does not exist yet is made, as the user named it
        os.makedirs(options.output, exist_ok=True)
    except OSError as exc:
        sys.stderr.write("collect.py: error: cannot make folder {}: {}\n".format(options.output, _describe(exc)))
        return 1
    collection = Collection(options)
    try:
        path = collection.collect()
    except OSError as exc:
        sys.stderr.write("collect.py: error: cannot write {}: {}\n".format(collection.partial, _describe(exc)))
        return 1
    failed = sum(1 for i in collection.items if i["error"])
    sys.stderr.write("collected {} items ({} with errors, {:.1f} MB) in {:.1f}s\n".format(
        len(collection.items), failed, collection.stored / MB, time.monotonic() - collection.started))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
