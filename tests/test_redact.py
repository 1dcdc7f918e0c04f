"""Redaction: nothing of the originals is left, findings survive, the mapping is consistent and private.

One test per leak found (small inputs written here), then the way `sos clean` is tested:
each real corpus tree redacted once, every byte of the output scanned for every identifier
of the input, and the same findings before and after.
"""
import gzip
import io
import ipaddress
import json
import os
import re
import stat
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from sosql import load, open_store
from sosql.load import ingest
from sosql.redact.addresses import IPV4, KEEP_IPS, is_version
from sosql.redact.redactor import Redactor
from sosql.rules import checks

from conftest import CORPUS, SAMPLES, requires_corpus, sosql

TREES = ("sos/hotsos-openstack", "sos/hotsos-kubernetes", "insights/rhel7")


def all_bytes(folder):
    """Every member name and every byte (gzip members and inner archives opened) of the archives in folder."""
    out = []
    for path in sorted(Path(folder).glob("*.tar.*")):
        out.append(path.name.encode())
        with tarfile.open(path) as tar:
            out += _tar_bytes(tar)
    return b"\n".join(out)


def _tar_bytes(tar):
    out = []
    for member in tar:
        out.append(member.name.encode() + b"\n" + member.linkname.encode())
        if member.isfile():
            data = tar.extractfile(member).read()
            data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            if data[257:262] == b"ustar":
                out += _tar_bytes(tarfile.open(fileobj=io.BytesIO(data)))
            else:
                out.append(data)
    return out


def found(output, values, inside):
    """Which of `values` (bytes) occur in output where `inside(before, after)` (the bytes
    around, up to two each side) is false. bytes.find per value: one regex alternation
    of a few hundred values with boundaries took half a minute on a megabyte."""
    hits = set()
    for value in values:
        at = output.find(value)
        while at >= 0:
            if not inside(output[max(0, at - 2):at], output[at + len(value):at + len(value) + 2]):
                hits.add(value)
                break
            at = output.find(value, at + 1)
    return hits


def in_word(before, after):
    return bool(re.search(rb"[a-z0-9]$", before) or re.match(rb"[a-z0-9]", after))


def in_plain_word(before, after):
    """A plain word as a host name is not replaced next to a dot: vm.swappiness."""
    return in_word(before, after) or before.endswith(b".") or bool(re.match(rb"\.[a-z]", after))


def in_number(before, after):
    return bool(re.search(rb"[\d.]$", before) or re.match(rb"\d|\.\d", after))


def in_hex(before, after):
    return bool(re.search(rb"[0-9a-f:.]$", before) or re.match(rb"[0-9a-f]|[:.][0-9a-f]", after))


def bundle(folder, name, files):
    """A small sos-like bundle directory of our own."""
    root = Path(folder) / name
    for member, text in {"version.txt": "sosreport: 4.2\n", **files}.items():
        (root / member).parent.mkdir(parents=True, exist_ok=True)
        (root / member).write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def redact_dir(tmp_path, *bundles, extra=()):
    """`sosql redact` in this process (the command, its exit code and stderr: a process of
    its own would add only the import time)."""
    result = sosql("redact", *bundles, "--out", tmp_path / "out", "--map", tmp_path / "private" / "map.json", *extra)
    return result, all_bytes(tmp_path / "out")


# -- the sample fleet ------------------------------------------------------------------
@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    base = tmp_path_factory.mktemp("redact")
    result = sosql("redact", SAMPLES, "--out", base / "out", "--map", base / "map.json", "--keyword", "harbor")
    assert result.returncode == 0, result.stderr
    return base, json.loads((base / "map.json").read_text())


def test_no_original_hostname_ip_or_mac_is_left(redacted):
    base, mapping = redacted
    original, output = all_bytes(SAMPLES), all_bytes(base / "out").lower()
    names = set(mapping["hostnames"]) | set(mapping["domains"]) | {"k8s-master-1"}
    assert {"node1", "harbortest", "master1", "web7"} <= names
    ips = {ip for ip in re.findall(IPV4, original) if not ip.startswith(KEEP_IPS) and max(map(int, ip.split(b"."))) < 256}
    macs = {m.lower() for m in re.findall(rb"(?:[0-9a-f]{2}:){5}[0-9a-f]{2}", original.lower())} - \
        {b"00:00:00:00:00:00", b"ff:ff:ff:ff:ff:ff"}
    assert len(ips) > 5 and len(macs) > 5
    assert found(output, {n.encode() for n in names}, in_plain_word) == set()
    assert found(output, ips, in_number) | found(output, macs, in_hex) == set()
    assert b"harbor" not in output
    assert not (base / "out" / "map.json").exists()


def test_subnets_stay_recognizable(redacted):
    _, mapping = redacted
    r = Redactor(mapping)
    a, b = r.text("10.0.0.5"), r.text("10.0.0.6")
    assert a.rsplit(".", 1)[0] == b.rsplit(".", 1)[0] and a.endswith(".5") and a != "10.0.0.5"
    assert r.text("vm.swappiness = 30 127.0.0.1 255.255.255.0") == "vm.swappiness = 30 127.0.0.1 255.255.255.0"


def _findings_by_host(store):
    return store.execute("SELECT hostname, list(rule_id ORDER BY rule_id) FROM findings "
                         "JOIN hosts USING (bundle_id) GROUP BY 1").fetchall()


def test_redacted_bundles_give_the_same_findings(redacted, tmp_path, sample_store):
    base, mapping = redacted
    with open_store(tmp_path / "redacted", read_only=False) as store:
        assert not load(store, [base / "out"]).failed
        checks.run(store, checks.discover()[0])
        redacted_findings = _findings_by_host(store)
    renamed = {mapping["hostnames"][host]: rules for host, rules in _findings_by_host(sample_store)}
    assert dict(redacted_findings) == renamed


def test_the_map_is_reused_across_runs(redacted, tmp_path):
    base, mapping = redacted
    again = sosql("redact", SAMPLES / "sosql-node5-20180710T020400Z.tar.gz", "--out", tmp_path / "o2",
                  "--map", base / "map.json")
    assert again.returncode == 0
    (out,) = (tmp_path / "o2").glob("*.tar.gz")
    assert mapping["hostnames"]["node5"] in out.name


def test_report_redact_replaces_names_and_the_analysts_paths(tmp_path, redacted):
    base, mapping = redacted
    db = tmp_path / "analyst-alice" / "s.duckdb"
    db.parent.mkdir()
    sosql("load", SAMPLES / "sosql-node5-20180710T020400Z.tar.gz", "--db", db)
    assert sosql("report", "--db", db, "--out", tmp_path / "r.html", "--redact", "--map", base / "map.json").returncode == 0
    html = (tmp_path / "r.html").read_text()
    assert "node5" not in html and mapping["hostnames"]["node5"] in html
    host = sosql("report", "--db", db, "--host", "node5", "--out", tmp_path / "h.html", "--redact", "--map",
                 base / "map.json")
    assert host.returncode == 0, host.stderr
    html = (tmp_path / "h.html").read_text()
    assert str(SAMPLES) not in html and "analyst-alice" not in html and "bundle-1" in html and "node5" not in html


# -- one test per leak ---------------------------------------------------------------------
def test_ipv6_in_every_form():
    r = Redactor()
    text = ("2a01:4f8:1:2:1234:5678:9abc:def0 2a01:4f8:1:2::7/64 2a01:04f8:0001:0002:0000:0000:0000:0007 "
            "fe80::1c2d:3e4f:5a6b:7c8d%eth0 ::ffff:192.0.2.44 ::ffff:c000:22c [2a01:4f8:1:2::7]:443")
    out = r.text(text)
    for original in ("2a01", "4f8", "1c2d:3e4f", "192.0.2.44", "c000:22c"):
        assert original not in out, original
    words = out.split()
    assert words[0].startswith("2001:db8:") and words[1].endswith("/64") and "%eth0" in words[3]
    assert ipaddress.ip_address(words[1][:-3]) == ipaddress.ip_address(words[2])    # one address, two spellings
    assert r.text("::1 :: fe80::1 ff02::1 12:34:56 std::string") == "::1 :: fe80::1 ff02::1 12:34:56 std::string"


def test_eui64_link_local_gives_the_redacted_mac():
    r = Redactor()
    out = r.text("link/ether 52:54:00:5c:a7:e0\n inet6 fe80::5054:ff:fe5c:a7e0/64 ff02::1:ff5c:a7e0")
    mac = out.split()[1]
    eui = ipaddress.ip_address(out.split()[3].split("/")[0]).packed[8:]
    assert bytes([eui[0] ^ 2]) + eui[1:3] + eui[5:] == bytes.fromhex(mac.replace(":", ""))
    assert "5c:a7:e0" not in out and "5c:a7e0" not in out and "a7e0" not in out


def test_macs_in_every_notation():
    r = Redactor()
    text = ("00:16:3e:19:ce:1b 0:16:3e:19:ce:1b 00-16-3E-19-CE-1B 0016.3e19.ce1b bridge id 8000.0:16:3e:19:ce:1b "
            "8000.00163e19ce1b")
    out = r.text(text)
    assert "19:ce" not in out.lower() and "19-ce" not in out.lower() and "19ce" not in out.lower()
    assert out.split()[:4] == ["53:6f:73:00:00:01", "53:6f:73:0:0:1", "53-6F-73-00-00-01", "536f.7300.0001"]
    assert out.endswith("8000.53:6f:73:0:0:1 8000.536f73000001")


def test_hex_addresses_of_proc_net():
    r = Redactor()
    tcp = r.bytes(b"  0: 0A00000A:0016 0B00000A:A0B2 01 00000000:00000000 02:000000F1\n", "proc/net/tcp")
    route = r.bytes(b"Iface\tDestination\tGateway\tFlags\neth0\t0000000A\t0100000A\t0003\t00FFFFFF\n", "proc/net/route")
    inet6 = r.bytes(b"fe80000000000000505400fffe5ca7e0 02 40 20 80 eth0\n", "proc/net/if_inet6")
    tcp6 = r.bytes(b"  0: 000080FE00000000FF005450E0A75CFE:0016 0A\n", "proc/net/tcp6")
    dotted = r.text("10.0.0.10 10.0.0.1 fe80::5054:ff:fe5c:a7e0").split()
    assert tcp.split()[1] == bytes(reversed(ipaddress.ip_address(dotted[0]).packed)).hex().upper().encode() + b":0016"
    assert b"0A00000A" not in tcp and b"0B00000A" not in tcp and b"000000F1" in tcp       # timers stay
    assert route.split()[5:8] == [b"00004064", b"01004064", b"0003"] and b"00FFFFFF" in route
    assert inet6.split()[0] == ipaddress.ip_address(dotted[2]).packed.hex().encode()
    assert b"5450" not in tcp6 and b"a7e0" not in inet6


def test_names_with_underscore_and_non_ascii_letters(tmp_path):
    b = bundle(tmp_path, "b1", {"etc/hosts": "10.0.0.5 db_prod_01.corp.example db_prod_01\n10.0.0.6 sérveur-01\n",
                                "var/log/syslog": "Feb 10 00:00:01 db_prod_01 cron[1]: ok on Sérveur-01\n"})
    result, out = redact_dir(tmp_path, b)
    assert result.returncode == 0, result.stderr
    assert b"db_prod" not in out and "érveur".encode() not in out and b"corp.example" not in out


def test_the_nodes_own_name_after_at_and_its_siblings(tmp_path):
    syslog = "".join(f"Feb 10 00:00:0{i} compute4 kernel: lxc juju-04f1e3-1-lxd-{i}: started\n" for i in range(8))
    b = bundle(tmp_path, "b1", {"sos_commands/process/ps_auxwww": "USER PID\nrabbitmq 1 beam -sname rabbit@juju-04f1e3-1-lxd-5\n",
                                "var/log/syslog": syslog, "sos_commands/host/hostname": "compute4\n"})
    result, out = redact_dir(tmp_path, b)
    assert result.returncode == 0, result.stderr
    assert b"juju-04f1e3" not in out and b"compute4" not in out
    mapping = json.loads((tmp_path / "private" / "map.json").read_text())
    assert len({mapping["hostnames"][f"juju-04f1e3-1-lxd-{i}"] for i in range(8)}) == 8


def test_emails_domains_and_users(tmp_path):
    b = bundle(tmp_path, "b1", {
        "etc/passwd": "root:x:0:0::/root:/bin/bash\nnova:x:64060:64060::/var/lib/nova:/bin/false\n"
                      "alice:x:1000:1000::/home/alice:/bin/bash\n",
        "etc/resolv.conf": "search corp.acme.net\nnameserver 10.9.8.7\n",
        "var/log/auth.log": "Feb 10 00:00:01 node1 sshd[9]: Accepted key for alice from 10.9.8.1\n"
                            "mail to bob.smith@acme-mail.com about files.corp.acme.net; ceph-osd@0.service ok\n"
                            "Feb 10 00:00:02 node1 sudo: carol_x@node1 : TTY=pts/0 ; COMMAND=/bin/ls /home/dave\n"})
    result, out = redact_dir(tmp_path, b)
    assert result.returncode == 0, result.stderr
    for leak in (b"alice", b"bob.smith", b"acme", b"10.9.8", b"carol_x", b"dave", b"node1"):
        assert leak not in out, leak
    assert b"nova" in out and b"ceph-osd@0.service" in out           # system accounts and units stay


def test_keywords(tmp_path):
    b = bundle(tmp_path, "b1", {"etc/motd": "Welcome to ACME Corp (Acme-internal)\n"})
    result, out = redact_dir(tmp_path, b, extra=("--keyword", "acme", "--keyword", "corp"))
    assert result.returncode == 0 and b"acme" not in out.lower() and b"corp" not in out.lower()


@pytest.mark.parametrize("version", [b"4.4.1-2.1ubuntu1.20.04.2", b"1:20.04.10.10", b"perl-Pod-4.1.5.1-24.el7",
                                     b"0.19.8.1-10build1", b"2.0.0~b1~git2019062011.4fc9142.really.1.4.1-0ubuntu3",
                                     b"tools_20.04.10.10_all.deb", b"v1.20.04.2", b"10.1.2.3~rc1"])
def test_versions_are_not_addresses(version):
    assert Redactor().bytes(version) == version


def test_addresses_next_to_versions_are(tmp_path):
    r = Redactor()
    out = r.text("range 10.1.2.3-10.1.2.9 from=10.1.2.4 (10.1.2.5) ip:10.1.2.6, [10.1.2.7] REACHABLE\n10.1.2.8 dev")
    assert "10.1.2" not in out
    assert not is_version(b"src 10.0.0.1-10.0.0.9", 4, 12)


@requires_corpus
@pytest.mark.parametrize("listing", ["sos/hotsos-openstack/sos_commands/dpkg/dpkg_-l",
                                     "sos/hotsos-kubernetes/sos_commands/dpkg/dpkg_-l",
                                     "insights/rhel7/insights_commands/rpm_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_"
                                     "INSTALLTIME_date_BUILDTIME_RSAHEADER_pgpsig_DSAHEADER_pgpsig"])
def test_real_package_lists_keep_their_versions(listing):
    data = (CORPUS / listing).read_bytes()
    member = listing.split("/", 2)[2]
    assert Redactor().bytes(data, member) == data


def test_map_is_private_and_never_in_the_output(tmp_path):
    b = bundle(tmp_path, "b1", {"sos_commands/host/hostname": "node1\n"})
    (tmp_path / "private").mkdir()
    old = tmp_path / "private" / "map.json"
    old.write_text("{}")
    old.chmod(0o644)
    result, _ = redact_dir(tmp_path, b)
    assert result.returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    inside = sosql("redact", b, "--out", tmp_path / "o3", "--map", tmp_path / "o3" / "deeper" / "map.json")
    assert inside.returncode == 1 and "would land in the output folder" in inside.stderr
    assert not (tmp_path / "o3" / "deeper" / "map.json").exists()


def test_map_mode_ignores_a_permissive_umask(tmp_path):
    from sosql.redact.redactor import write_map
    previous = os.umask(0)
    try:
        write_map(tmp_path / "m.json", {})
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "m.json").stat().st_mode) == 0o600


def test_decompression_cap_and_no_temp_files_outside(tmp_path, monkeypatch):
    small = bundle(tmp_path, "small", {"sos_commands/host/hostname": "node1\n"})
    big = bundle(tmp_path, "big", {"var/log/syslog": b"x" * 200_000 + b"\n"})
    spill = tmp_path / "tmpdir"
    spill.mkdir()
    # What SOSQL_MAX_BUNDLE_BYTES=100000 sets when a process starts (read at import: a real
    # process with the variable set is test_hostile.py's bomb test); and TMPDIR, which tempfile
    # reads again once its cached choice is cleared, as in a new process.
    monkeypatch.setattr(ingest, "MAX_BUNDLE_BYTES", 100_000)
    monkeypatch.setenv("TMPDIR", str(spill))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert tempfile.gettempdir() == str(spill)
    result, out = redact_dir(tmp_path, big, small)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "big" in errors[0] and "SOSQL_MAX_BUNDLE_BYTES" in errors[0]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["small-redacted.tar.gz"]   # scratch removed
    assert list(spill.iterdir()) == []


def test_nested_archives_and_deep_json_raise_no_recursion_error(tmp_path):
    deep = bundle(tmp_path, "deep", {"manifest.json": "[" * 100_000 + "]" * 100_000,
                                     "sos_commands/host/hostname": "node7\n"})
    inner = b""
    for level in range(4):                                    # a tar in a tar in a tar ...
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            info = tarfile.TarInfo(f"sosreport-n{level}/nested.tar")
            info.size = len(inner or b"x")
            tar.addfile(info, io.BytesIO(inner or b"x"))
        inner = buf.getvalue()
    (tmp_path / "nested.tar").write_bytes(inner)
    result, out = redact_dir(tmp_path, deep, tmp_path / "nested.tar")
    assert result.returncode == 1 and "RecursionError" not in result.stderr
    assert "nested.tar" in result.stderr and "nested more than" in result.stderr
    assert b"node7" not in out and (tmp_path / "out" / "deep-redacted.tar.gz").exists()


def test_reports_inside_a_sos_collect_tarball_are_redacted(tmp_path):
    def tar_of(files, mode):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode=mode) as tar:
            for name, data in files.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        return buf.getvalue()
    inner = tar_of({"sosreport-db7-1/version.txt": b"sosreport: 4.2\n",
                    "sosreport-db7-1/sos_commands/host/hostname": b"db7-prod\n",
                    "sosreport-db7-1/var/log/syslog": b"Feb 10 00:00:01 db7-prod kernel: 10.20.30.40\n"}, "w:xz")
    (tmp_path / "sos-collector-x.tar.gz").write_bytes(tar_of({"sos-collector-x/sosreport-db7-1.tar.xz": inner}, "w:gz"))
    result, out = redact_dir(tmp_path, tmp_path / "sos-collector-x.tar.gz")
    assert result.returncode == 0, result.stderr
    assert b"db7-prod" not in out and b"10.20.30" not in out and b"kernel: 100.64.0.40" in out


def test_one_unreadable_bundle_leaves_the_others_intact(tmp_path):
    good = bundle(tmp_path, "good", {"sos_commands/host/hostname": "node1\n", "var/log/syslog": "line\n" * 1000})
    (tmp_path / "broken.tar.gz").write_bytes(gzip.compress(b"not a tar" * 100)[:60])
    result, out = redact_dir(tmp_path, tmp_path / "broken.tar.gz", good)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("sosql: error")]
    assert len(errors) == 1 and "broken.tar.gz" in errors[0]
    with tarfile.open(tmp_path / "out" / "good-redacted.tar.gz") as tar:
        assert tar.extractfile("var/log/syslog").read() == b"line\n" * 1000


# -- the real corpus, as sos clean is tested --------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_redacted(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    base = tmp_path_factory.mktemp("corpus")
    trees = [CORPUS / t for t in TREES]
    result = sosql("redact", *trees, "--out", base / "out", "--map", base / "map.json")
    assert result.returncode == 0, result.stderr
    outputs = [base / "out" / f"{t.name}-redacted.tar.gz" for t in trees]
    return trees, outputs, json.loads((base / "map.json").read_text())


def identifiers(trees, mapping):
    """What the input says about its nodes, gathered apart from the redactor's own patterns
    where it can be: addresses from ip/ifconfig/hosts/resolv.conf, names from the map."""
    text = b"\n".join(p.read_bytes() for t in trees for p in t.rglob("*")
                      if p.is_file() and re.search(r"ip_|ifconfig|hosts$|resolv|netstat|neigh|route|arp", p.name))
    ipv4 = {ip for ip in re.findall(rb"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])", text)
            if not ip.startswith(KEEP_IPS) and max(map(int, ip.split(b"."))) < 256}
    ipv6 = {ipaddress.ip_address(a.decode()) for a in re.findall(rb"inet6 ([0-9a-f:]+)", text)}
    ipv6 = {a for a in ipv6 if int(a) & 0xffffffffffff0000}          # not ::1, fe80::1
    macs = {m.lower() for m in re.findall(rb"(?:link/ether|ether|HWaddr) ([0-9a-fA-F:]{17})", text)} - \
        {b"00:00:00:00:00:00", b"ff:ff:ff:ff:ff:ff"}
    return ipv4, ipv6, macs


@requires_corpus
def test_corpus_no_identifier_is_left_anywhere(corpus_redacted):
    trees, outputs, mapping = corpus_redacted
    output = all_bytes(outputs[0].parent).lower()
    ipv4, ipv6, macs = identifiers(trees, mapping)
    assert len(ipv4) > 10 and len(ipv6) > 5 and len(macs) > 10
    hexes = {form.encode() for a in ipv6 for form in (a.compressed, a.exploded)}
    for mac in macs:
        octets = mac.split(b":")
        hexes |= {mac, b"-".join(octets), b"".join(octets), b":".join(o.lstrip(b"0") or b"0" for o in octets),
                  b".".join(b"".join(octets)[i:i + 4] for i in (0, 4, 8)),       # and its EUI-64 id:
                  b"%x%s:%sff:fe%s:%s%s" % (int(octets[0], 16) ^ 2, octets[1], octets[2], octets[3], octets[4], octets[5])}
    names = {n for kind in ("hostnames", "domains", "users") for n in mapping[kind]}
    assert {"compute4", "juju-04f1e3-1-lxd-5", "juju-110cc2-k8stest-4", "cloud.sts", "mylab.home",
            "ip-172-31-44-94", "test.redhat.com"} <= names
    plain = {n.encode() for n in names if n.isalpha()}
    assert found(output, ipv4, in_number) | found(output, hexes, in_hex) == set()
    assert found(output, {n.encode() for n in names} - plain, in_word) | found(output, plain, in_plain_word) == set()
    assert found(output, {e.encode() for e in mapping["emails"]}, lambda before, after: False) == set()


@requires_corpus
def test_corpus_findings_are_the_same_before_and_after(corpus_redacted, corpus_store, tmp_path):
    trees, outputs, _ = corpus_redacted
    with open_store(tmp_path / "redacted", read_only=False) as store:
        assert not load(store, outputs).failed
        checks.run(store, checks.discover()[0])
        found = [_by_position(corpus_store, trees), _by_position(store, outputs)]
    assert found[0] == found[1]
    assert sum(found[0][1].values()) > 0


def _by_position(store, paths):
    """The findings and rule runs of the bundles loaded from `paths`, by each one's position in it."""
    position = {str(p): i for i, p in enumerate(paths)}
    rows = store.execute("SELECT b.path, f.rule_id FROM findings f JOIN bundles b USING (bundle_id)").fetchall()
    runs = store.execute("SELECT b.path, r.rule_id, r.status FROM rule_runs r JOIN bundles b USING (bundle_id)").fetchall()
    return (Counter((position[p], rule) for p, rule in rows),
            Counter((position[p], rule, status) for p, rule, status in runs))
