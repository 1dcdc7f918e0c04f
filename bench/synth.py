"""Synthetic fleets and big logs for the benchmarks, deterministic for a given seed.

    python bench/synth.py log --mb 600 --out /tmp/bench/messages
    python bench/synth.py bundle --mb 300 --layout sos --compress xz --out /tmp/bench
    python bench/synth.py fleet --hosts 1000 --mb 2 --out /tmp/bench/fleet

The line mix is a Kubernetes node's: kubelet, dockerd, etcd, containerd,
systemd, cron and kernel lines, with the field notes' incidents (soft lockups,
hung tasks, OOM kills, a panic) at a small rate. Hosts on the build
3.10.0-229.7.2 hit the skb_under_panic far more often than the others, so the
fleet audit has something to find. Bundles use the sample fleet's small files
(sample_bundles/), with the big log in place of theirs.
"""
import argparse
import hashlib
import io
import json
import random
import sys
import tarfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sosql.sample_bundles import fleet, generate  # noqa: E402

KERNELS = [("3.10.0-229.7.2.el7.x86_64", "#1 SMP Tue Jun 23 22:06:11 UTC 2015"),
           ("3.10.0-693.el7.x86_64", "#1 SMP Tue Aug 22 21:09:27 UTC 2017"),
           ("3.10.0-693.21.1.el7.x86_64", "#1 SMP Wed Mar 7 19:03:37 UTC 2018"),
           ("3.10.0-862.el7.x86_64", "#1 SMP Fri Apr 20 16:44:24 UTC 2018"),
           ("3.10.0-957.el7.x86_64", "#1 SMP Thu Nov 8 23:39:32 UTC 2018")]
# (program, template): fields in braces are filled per line.
ROUTINE = fleet.BACKGROUND + [
    ("kubelet", "I{md} {clock}.{us}    1988 reconciler.go:{k}] operationExecutor.MountVolume started for volume "
                '"default-token-{hex6}" (UniqueName: "kubernetes.io/secret/{hex}-default-token")'),
    ("kubelet", "W{md} {clock}.{us}    1988 container.go:409] Failed to create summary reader for "
                '"/kubepods/besteffort/pod{hex}": none of the resources are being tracked.'),
    ("etcd", "store.index: compact {n}"),
    ("etcd", 'read-only range request "key:\\"/registry/pods/default/web-{hex6}\\" " took too long (1{k}3.{n}ms) to execute'),
    ("containerd", 'time="{iso}" level=info msg="starting signal loop" namespace=moby path=/run/containerd/{hex}'),
    ("dockerd", 'time="{iso}" level=warning msg="Your kernel does not support swap limit capabilities"'),
    ("kernel", "SELinux: mount invalid.  Same superblock, different security settings for (dev mqueue, type mqueue)"),
    ("kernel", "XFS (dm-{k}): Mounting V5 Filesystem"),
    ("systemd", "Created slice libcontainer_{n}_systemd_test_default.slice."),
    ("sshd", "Accepted publickey for root from 10.0.{k}.{n} port 5{n} ssh2"),
]
INCIDENTS = [fleet.THP_LOCKUP, fleet.OOM, fleet.HUNG, fleet.ISCSI_LOCKUP]
INCIDENT_EVERY = 20000        # lines between incidents, on average
PANIC_EVERY = {"3.10.0-229.7.2.el7.x86_64": 50000}   # lines between panics on a bad build


def host_spec(index, rng):
    """One node of a synthetic fleet, in sample_bundles/fleet.py's host shape."""
    kernel, build = KERNELS[index % len(KERNELS)]
    collected = datetime(2018, 7, 10, 10, 0) + timedelta(minutes=index % 600)
    return dict(name=f"k8s-node-{index:04d}", kernel=kernel, build=build, distro=fleet.CENTOS_74,
                product=rng.choice(["PowerEdge R730", "KVM", "VMware Virtual Platform"]),
                collected=collected.isoformat(sep=" "), offset="+08:00", uptime_h=200 + index % 300,
                incidents=[], fmt="sosql")


def log_lines(host, rng, nbytes, days=7):
    """Syslog lines of `host` ending at its collection time, about `nbytes` of text in all.

    Routine messages come from a pool filled once per host, so that writing
    gigabytes stays quick; incidents arrive at random intervals.
    """
    end = datetime.fromisoformat(host["collected"])
    start = end - timedelta(days=days)
    pool = [_tagged(program, _fill(template, host, rng, start + timedelta(seconds=rng.uniform(0, days * 86400))))
            for program, template in (rng.choice(ROUTINE) for _ in range(4096))]
    line_bytes = len(f"Jul 10 09:40:06 {host['name']} \n") + sum(map(len, pool)) / len(pool)
    seconds_per_line = days * 86400 / max(1, nbytes / line_bytes)   # the last line near collection
    panic_every = PANIC_EVERY.get(host["kernel"], 0)
    next_incident, next_panic = _gap(rng, INCIDENT_EVERY), _gap(rng, panic_every)
    written = number = 0
    second, prefix = None, ""
    while written < nbytes:
        number += 1
        when_s = int(number * seconds_per_line)
        if when_s != second:
            second = when_s
            prefix = f"{start + timedelta(seconds=when_s):%b %e %H:%M:%S} {host['name']} "
        if number == next_incident or number == next_panic:
            block = fleet.SKB_PANIC if number == next_panic else rng.choice(INCIDENTS)
            lines = [prefix + "kernel: " + text for text in block if not text.startswith("@")]
            next_incident += _gap(rng, INCIDENT_EVERY) if number == next_incident else 0
            next_panic += _gap(rng, panic_every) if number == next_panic else 0
        else:
            lines = [prefix + pool[rng.getrandbits(12)]]
        for line in lines:
            written += len(line) + 1
            yield line


def _gap(rng, every):
    """Lines until the next occurrence of something that happens every `every` lines on average."""
    return 1 + rng.randrange(2 * every) if every else -1


def _tagged(program, text):
    return f"{program}[{generate.PIDS[program]}]: {text}" if program in generate.PIDS else f"{program}: {text}"


def _fill(template, host, rng, when):
    return template.format(
        n=rng.randint(1, 9999), host=host["name"], k=rng.randint(1, 9), hex=f"{rng.getrandbits(64):016x}",
        hex6=f"{rng.getrandbits(24):06x}", iso=when.strftime("%Y-%m-%dT%H:%M:%S.%f") + host["offset"],
        md=when.strftime("%m%d"), clock=when.strftime("%H:%M:%S"), us=f"{when.microsecond:06d}")


def write_log(path, host, nbytes, seed=0):
    """Write a big syslog file, streaming (memory stays small whatever the size)."""
    rng = random.Random(f"{seed}-{host['name']}")
    with open(path, "w") as out:
        batch = []
        for line in log_lines(host, rng, nbytes):
            batch.append(line)
            if len(batch) == 10000:
                out.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            out.write("\n".join(batch) + "\n")
    return Path(path)


def bundle_files(host, layout):
    """The bundle's small files as {path: bytes or ('link', target)} and where its log goes."""
    if layout == "sos":
        return generate.sos_files(host), "var/log/messages"
    files = generate.host_files(host)
    return files, "files/var/log/messages"


def write_bundle(out, host, layout="sosql", compress="gz", log_bytes=2 << 20, seed=0):
    """Write one bundle (a directory, or a .tar.gz/.tar.xz) with a log of about log_bytes."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files, log_path = bundle_files(host, layout)
    collected = datetime.fromisoformat(host["collected"] + host["offset"])
    prefix = "sosreport" if layout == "sos" else "sosql"
    top = f"{prefix}-{host['name']}-{collected.astimezone(timezone.utc):%Y%m%d%H%M%S}"
    spool = out / f".{top}.log"
    write_log(spool, host, log_bytes, seed)
    if layout == "sosql":
        files["manifest.json"] = _manifest(host, files, log_path, spool)
    try:
        if compress == "dir":
            return _write_dir(out / top, files, log_path, spool)
        return _write_tar(out / f"{top}.tar.{compress}", top, files, log_path, spool, compress,
                          int(collected.timestamp()))
    finally:
        spool.unlink(missing_ok=True)


def _manifest(host, files, log_path, spool):
    """The sample manifest, with the big log's real size and hash in its item."""
    doc = json.loads(generate.manifest(host, files))
    digest = hashlib.sha256()
    with open(spool, "rb") as log:
        for block in iter(lambda: log.read(1 << 20), b""):
            digest.update(block)
    for item in doc["items"]:
        if item["path"] == log_path:
            item.update(bytes=spool.stat().st_size, sha256=digest.hexdigest())
    return json.dumps(doc, indent=1).encode()


def _write_dir(root, files, log_path, spool):
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, tuple):
            path.unlink(missing_ok=True)
            path.symlink_to(data[1])
        elif name != log_path:
            path.write_bytes(data)
    spool.replace(root / log_path)
    return root


def _write_tar(path, top, files, log_path, spool, compress, mtime):
    options = {"preset": 1} if compress == "xz" else {"compresslevel": 1}
    with tarfile.open(path, f"w:{compress}", format=tarfile.GNU_FORMAT, **options) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(f"{top}/{name}")
            info.mtime, info.mode = mtime, 0o644
            data = files[name]
            if isinstance(data, tuple):
                info.type, info.linkname = tarfile.SYMTYPE, data[1]
                tar.addfile(info)
            elif name == log_path:
                info.size = spool.stat().st_size
                with open(spool, "rb") as log:
                    tar.addfile(info, log)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def write_fleet(out, hosts, log_bytes, layout="sosql", compress="gz", seed=0):
    """`hosts` bundles in `out`, one per node; returns their paths."""
    rng = random.Random(seed)
    return [write_bundle(out, host_spec(i, rng), layout, compress, log_bytes, seed) for i in range(hosts)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    log = sub.add_parser("log", help="one big syslog file")
    bundle = sub.add_parser("bundle", help="one bundle with a big log")
    many = sub.add_parser("fleet", help="a fleet of bundles")
    many.add_argument("--hosts", type=int, default=100)
    for each in (log, bundle, many):
        each.add_argument("--mb", type=float, default=2.0, help="log size per host, in MB")
        each.add_argument("--out", required=True)
        each.add_argument("--seed", type=int, default=0)
    for each in (bundle, many):
        each.add_argument("--layout", choices=["sosql", "sos"], default="sosql")
        each.add_argument("--compress", choices=["dir", "gz", "xz"], default="gz")
    args = parser.parse_args(argv)
    nbytes = int(args.mb * (1 << 20))
    host = host_spec(0, random.Random(args.seed))
    if args.what == "log":
        print(write_log(args.out, host, nbytes, args.seed))
    elif args.what == "bundle":
        print(write_bundle(args.out, host, args.layout, args.compress, nbytes, args.seed))
    else:
        print(f"{len(write_fleet(args.out, args.hosts, nbytes, args.layout, args.compress, args.seed))} bundles "
              f"in {args.out}")


if __name__ == "__main__":
    main()
