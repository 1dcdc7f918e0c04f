"""A fake node for collector tests: a root folder of files and a folder of fake commands.

The fake commands cover what a real node throws at the collector: a command that
hangs, one that prints megabytes, commands that are not installed at all.
"""
import gzip
import os
import stat
import tempfile
from pathlib import Path

KERNEL = "3.10.0-693.el7.x86_64"
LOCKUP = "NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]"
DMESG_LOCKUP = "NMI watchdog: BUG: soft lockup - CPU#2 stuck for 23s! [kworker/2:1:99]"

COMMANDS = {
    "uname": f"#!/bin/sh\necho 'Linux fakenode {KERNEL} #1 SMP Tue Aug 22 21:09:27 UTC 2017 x86_64 x86_64 x86_64 GNU/Linux'\n",
    "dmesg": f"#!/bin/sh\necho '[    0.000000] Linux version {KERNEL}'\necho '[ 5000.000000] {DMESG_LOCKUP}'\n",
    "docker": "#!/bin/sh\nexec /bin/sleep 30\n",                                        # hangs
    "iptables-save": "#!/bin/sh\n/usr/bin/yes -- '-A FORWARD -j DROP' | /usr/bin/head -c 3000000\n",  # 3 MB
    "sysctl": "#!/bin/sh\necho 'net.bridge.bridge-nf-call-iptables = 0'\necho 'net.ipv4.ip_forward = 1'\n",
    "ps": "#!/bin/sh\necho 'root 1 0.0 0.1 kube-apiserver --etcd-servers=https://127.0.0.1:2379 --token-auth-file=/x --password hunter2'\n",
}
FILES = {
    "etc/os-release": 'NAME="CentOS Linux"\nID="centos"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n',
    "etc/redhat-release": "CentOS Linux release 7.4.1708 (Core)\n",
    "proc/uptime": "7200.00 14000.00\n",
    "proc/stat": "cpu  1 2 3 4\nbtime 1531180800\n",
    "proc/sys/kernel/random/boot_id": "0b5f3a6e-1111-2222-3333-444455556666\n",
    "var/log/messages": "Jul 10 09:40:13 fakenode kernel: " + LOCKUP + "\nJul 10 09:41:00 fakenode systemd[1]: Started Session 4 of user root.\n",
    "etc/docker/daemon.json": '{"storage-driver": "overlay2", "registry-password": "hunter2"}\n',
    "etc/kubernetes/manifests/kube-apiserver.yaml": "    - --token-auth-file=/etc/k/tokens.csv\n    - --basic-auth-password=hunter2\n",
    "etc/cni/net.d/calico-kubeconfig": "token: hunter2\n",
}
ROTATED = {"var/log/messages-20180709.gz": "Jul  9 23:00:00 fakenode systemd[1]: rotated line one\n",
           "var/log/messages-20180708.gz": "Jul  8 23:00:00 fakenode systemd[1]: rotated line two\n"}
DENIED = "var/log/messages-20180701"


def make(base=None):
    """Build the fake node in a fresh folder anyone can read; return (root, bin, out)."""
    base = Path(tempfile.mkdtemp(prefix="sosql-fakenode-", dir=base))
    root, bin_dir, out = base / "root", base / "bin", base / "out"
    for name, text in FILES.items():
        _write(root / name, text.encode())
    for name, text in ROTATED.items():
        _write(root / name, gzip.compress(text.encode()))
    _write(root / DENIED, b"Jul  1 00:00:00 fakenode kernel: secret\n")
    for name, script in COMMANDS.items():
        _write(bin_dir / name, script.encode())
        (bin_dir / name).chmod(0o755)
    out.mkdir()
    for path in [base, *base.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))
    out.chmod(0o777)
    (root / DENIED).chmod(0)
    os.utime(root / DENIED, (1530400000, 1530400000))
    os.utime(root / "var/log/messages-20180708.gz", (1531000000, 1531000000))
    os.utime(root / "var/log/messages-20180709.gz", (1531100000, 1531100000))
    return root, bin_dir, out


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
