"""Redaction: nothing of the originals is left, findings survive, the mapping is consistent and private."""
import gzip
import json
import re
import tarfile

import pytest

from analyzer import checks, load, open_store
from analyzer.redact import IPV4, KEEP_IPS, KEEP_MACS, MAC, Redactor
from conftest import SAMPLES, sosql


def all_bytes(folder):
    """Every member name and every byte (gzip members opened) of the archives in folder."""
    out = []
    for path in sorted(folder.glob("*.tar.*")):
        out.append(path.name.encode())
        with tarfile.open(path) as tar:
            for member in tar:
                out.append(member.name.encode() + member.linkname.encode())
                if member.isfile():
                    data = tar.extractfile(member).read()
                    out.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(out)


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
    for name in names:
        assert not re.search(rb"(?<![a-z0-9.])" + re.escape(name.encode()) + rb"(?![a-z0-9]|\.[a-z])", output), name
    ips = {ip for ip in re.findall(IPV4, original) if not ip.startswith(KEEP_IPS) and max(map(int, ip.split(b"."))) < 256}
    macs = {m.lower() for m in re.findall(MAC, original)} - KEEP_MACS
    assert len(ips) > 5 and len(macs) > 5
    for value in ips | macs:
        assert not re.search(rb"(?<![\d.:a-f])" + re.escape(value) + rb"(?![\d.:a-f])", output), value
    assert b"harbor" not in output                       # the keyword, inside other words too? only whole words
    assert not (base / "out" / "map.json").exists()


def test_subnets_stay_recognizable(redacted):
    _, mapping = redacted
    r = Redactor(mapping)
    a, b = r.text("10.0.0.5"), r.text("10.0.0.6")
    assert a.rsplit(".", 1)[0] == b.rsplit(".", 1)[0] and a.endswith(".5") and a != "10.0.0.5"
    assert r.text("vm.swappiness = 30 127.0.0.1 255.255.255.0") == "vm.swappiness = 30 127.0.0.1 255.255.255.0"


def test_redacted_bundles_give_the_same_findings(redacted, tmp_path):
    base, mapping = redacted
    findings = {}
    for folder in (SAMPLES, base / "out"):
        with open_store(tmp_path / f"{len(findings)}.duckdb") as store:
            assert not load(store, [folder]).failed
            checks.run(store, checks.discover()[0])
            findings[folder] = store.execute("SELECT hostname, list(rule_id ORDER BY rule_id) FROM findings "
                                             "JOIN hosts USING (bundle_id) GROUP BY 1").fetchall()
    renamed = {mapping["hostnames"][host]: rules for host, rules in findings[SAMPLES]}
    assert dict(findings[base / "out"]) == renamed


def test_the_map_is_reused_across_runs(redacted, tmp_path):
    base, mapping = redacted
    again = sosql("redact", SAMPLES / "sosql-node5-20180710T020400Z.tar.gz", "--out", tmp_path / "o2",
                  "--map", base / "map.json")
    assert again.returncode == 0
    (out,) = (tmp_path / "o2").glob("*.tar.gz")
    assert mapping["hostnames"]["node5"] in out.name
    refused = sosql("redact", SAMPLES, "--out", tmp_path / "o3", "--map", tmp_path / "o3" / "map.json")
    assert refused.returncode == 1 and "would land in the output folder" in refused.stderr


def test_report_redact(tmp_path, redacted):
    base, mapping = redacted
    db = tmp_path / "s.duckdb"
    sosql("analyze", SAMPLES, "--db", db, "--out", tmp_path / "plain.html")
    assert sosql("report", "--db", db, "--out", tmp_path / "r.html", "--redact", "--map", base / "map.json").returncode == 0
    html = (tmp_path / "r.html").read_text()
    assert "node5" not in html and "harbortest" not in html and mapping["hostnames"]["node5"] in html
