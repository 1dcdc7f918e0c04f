"""Write the sample fleet's bundles: `python -m sosql.sample_bundles.generate [--out DIR]`.

Deterministic: the same code writes byte-identical archives (fixed mtimes,
seeded randomness, gzip without a timestamp), so the committed bundles can be
checked against a fresh run. Native bundles follow docs/bundle-format.md; the
sos one follows sos report 3.x's layout, top-level symlinks included.
"""
import argparse
import gzip
import hashlib
import io
import json
import lzma
import tarfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sosql.sample_bundles import node_files
from sosql.sample_bundles.fleet import BASE_SYSCTLS, HOSTS, baseline_members, log_rows

HERE = Path(__file__).parent
PIDS = {"systemd": 1, "dockerd": 10669, "CROND": 24311, "chronyd": 688, "systemd-logind": 702,
        "Keepalived_vrrp": 1521, "flanneld": 2211, "multipathd": 633, "mount": 809}


def syslog_line(host, when, program, message):
    tag = f"{program}[{PIDS[program]}]" if program in PIDS else program
    return f"{when:%b} {when.day:>2} {when:%H:%M:%S} {host['name']} {tag}: {message}"


def dmesg_text(host, boot, rows):
    lines = [f"Linux version {host['kernel']} (mockbuild@x86-01.bsys.centos.org) {host['build']}",
             f"Command line: BOOT_IMAGE=/vmlinuz-{host['kernel']} root=/dev/mapper/root ro"]
    if "VMware" in host["product"] or "KVM" in host["product"]:
        lines.append("Hypervisor detected: " + ("VMware" if "VMware" in host["product"] else "KVM"))
    stamped = [(0.0 + i * 0.01, text) for i, text in enumerate(lines)]
    stamped += [((when - boot).total_seconds(), text)
                for when, program, text in rows if program == "kernel" and when >= boot]
    return "".join(f"[{secs:12.6f}] {text}\n" for secs, text in stamped)


def sysctl_text(host):
    values = dict(BASE_SYSCTLS, **host.get("sysctls", {}), **{"kernel.hostname": host["name"]})
    return "".join(f"{k} = {v}\n" for k, v in sorted(values.items()) if v is not None)


def host_files(host):
    """The bundle's members as {path: bytes}, in our format's names (commands/, files/)."""
    collected = datetime.fromisoformat(host["collected"])
    boot = collected - timedelta(hours=host["uptime_h"])
    rows = log_rows(host)
    messages = [syslog_line(host, *r) for r in rows]
    files = {
        "commands/uname_-a": f"Linux {host['name']} {host['kernel']} {host['build']} x86_64 x86_64 x86_64 GNU/Linux\n",
        "commands/hostname": host["name"] + "\n",
        "commands/dmesg": dmesg_text(host, boot, rows),
        "commands/sysctl_-a": sysctl_text(host),
        "files/etc/os-release": host["distro"][0],
        "files/proc/uptime": f"{host['uptime_h'] * 3600:.2f} {host['uptime_h'] * 5000:.2f}\n",
        "files/sys/class/dmi/id/product_name": host["product"] + "\n",
    }
    if host["distro"][1]:
        files["files/etc/redhat-release"] = host["distro"][1]
    if host.get("rotated"):
        cut = collected - timedelta(days=1)
        old = [syslog_line(host, *r) for r in rows if r[0] < cut]
        messages = [syslog_line(host, *r) for r in rows if r[0] >= cut]
        files[f"files/var/log/messages-{cut:%Y%m%d}.gz"] = gzip.compress(
            ("\n".join(old) + "\n").encode(), mtime=0)
    files["files/var/log/messages"] = "\n".join(messages) + "\n"
    files.update(baseline_members(host, HOSTS.index(host) + 1 if host in HOSTS else 99))
    return {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}


def manifest(host, files):
    local = datetime.fromisoformat(host["collected"] + host["offset"])
    boot = local - timedelta(hours=host["uptime_h"])
    items = [{"kind": "command" if path.startswith("commands/") else "file", "path": path,
              "argv": path.split("/", 1)[1].split("_") if path.startswith("commands/") else None,
              "source": "/" + path.split("/", 1)[1] if path.startswith("files/") else None,
              "returncode": 0 if path.startswith("commands/") else None, "duration_s": 0.01,
              "bytes": len(data), "truncated": False, "sha256": hashlib.sha256(data).hexdigest(),
              "error": None} for path, data in sorted(files.items())]
    doc = {"format": "sosql-bundle", "format_version": 1, "collector_version": "sample",
           "hostname": host["name"], "boot_id": hashlib.md5(host["name"].encode()).hexdigest(),
           "boot_time": boot.isoformat(), "collected_at_local": local.isoformat(),
           "collected_at_utc": local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "items": items}
    return json.dumps(doc, indent=1).encode()


def sos_files(host):
    """The same node as a sos report 3.x tree: {path: bytes or ('link', target)}."""
    ours = host_files(host)
    collected = datetime.fromisoformat(host["collected"])
    up = timedelta(hours=host["uptime_h"])
    files = {
        "version.txt": b"sosreport: 3.5\n",
        "sos_commands/kernel/uname_-a": ours["commands/uname_-a"],
        "sos_commands/kernel/sysctl_-a": ours["commands/sysctl_-a"],
        "sos_commands/kernel/dmesg": ours["commands/dmesg"],
        "sos_commands/general/hostname": ours["commands/hostname"],
        "sos_commands/general/date": f"{collected:%a %b %d %H:%M:%S} CST {collected:%Y}\n".encode(),
        "sos_commands/general/uptime": f" {collected:%H:%M:%S} up {up.days} days, "
                                       f"{up.seconds // 3600}:{up.seconds % 3600 // 60:02d},  1 user,  "
                                       f"load average: 0.42, 0.40, 0.38\n".encode(),
        "etc/os-release": ours["files/etc/os-release"],
        "etc/redhat-release": ours["files/etc/redhat-release"],
        "var/log/messages": ours["files/var/log/messages"],
        "sos_logs/sos.log": b"2018-05-30 18:30:00,000 INFO: [sos.sosreport:setup] executing 'sosreport --batch'\n"
                            + node_files.SOS_LOG_TIMEOUT.encode(),
        "sos_logs/ui.log": node_files.SOS_UI_LOG_TIMEOUT.encode(),
    }
    for link, target in (("uname", "sos_commands/kernel/uname_-a"), ("hostname", "sos_commands/general/hostname"),
                         ("date", "sos_commands/general/date"), ("uptime", "sos_commands/general/uptime")):
        files[link] = ("link", target)
    return files


# The members that date the logs go first: a load gives each log line its time as the log
# streams, from the facts read so far. (Our collector writes its manifest last, as it lists
# what was collected; the logs read before it are dated again at the end of their load.)
DATING_FIRST = ("files/proc/uptime", "manifest.json")


def write_tar(path, top, files, mtime, compress):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name in [top] + sorted(files, key=lambda name: (name not in DATING_FIRST, name)):
            info = tarfile.TarInfo(name if name == top else f"{top}/{name}")
            info.mtime, info.uname, info.gname = mtime, "root", "root"
            data = files.get(name)
            if name == top:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            elif isinstance(data, tuple):
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, data[1], 0o777
                tar.addfile(info)
            else:
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    raw = buffer.getvalue()
    path.write_bytes(gzip.compress(raw, mtime=0) if compress == "gz" else lzma.compress(raw))


def generate(out=HERE):
    out = Path(out)
    written = []
    for host in HOSTS:
        collected = datetime.fromisoformat(host["collected"] + host["offset"])
        mtime = int(collected.timestamp())
        if host["fmt"] == "sos":
            top = f"sosreport-{host['name']}-{collected:%Y%m%d%H%M%S}"
            path = out / f"{top}.tar.xz"
            write_tar(path, top, sos_files(host), mtime, "xz")
        else:
            top = f"sosql-{host['name']}-{collected.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"
            files = host_files(host)
            files["manifest.json"] = manifest(host, files)
            path = out / f"{top}.tar.gz"
            write_tar(path, top, files, mtime, "gz")
        written.append(path)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE), help="folder to write the bundles to")
    for path in generate(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
