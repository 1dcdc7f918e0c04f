"""Each small-source parser on its own fixture (tests/fixtures/parsers/<parser>*.txt)."""
import re
from datetime import datetime

import pytest

from sosql import parsers
from sosql.errors import ParseError

from conftest import ROOT, fixture_text


def test_uname():
    assert parsers.get("uname").parse(fixture_text("uname.txt")) == {
        "hostname": "node5", "kernel_release": "3.10.0-693.el7.x86_64",
        "kernel_version": "#1 SMP Tue Aug 22 21:09:27 UTC 2017", "arch": "x86_64"}


def test_uname_debian_short_form_and_garbage():
    facts = parsers.get("uname").parse("Linux web7 4.19.0-6-amd64 #1 SMP Debian 4.19.67-2 (2019-08-28) x86_64 GNU/Linux")
    assert facts["kernel_release"] == "4.19.0-6-amd64" and facts["arch"] == "x86_64"
    with pytest.raises(ParseError):
        parsers.get("uname").parse("uname: command not found")


def test_hostname_skips_comments():
    assert parsers.get("hostname").parse(fixture_text("hostname.txt")) == {"hostname": "node5.example.com"}


def test_os_release():
    assert parsers.get("os_release").parse(fixture_text("os_release.txt")) == {
        "distro": "CentOS Linux 7 (Core)", "distro_id": "centos", "distro_version": "7"}


def test_os_release_from_redhat_release():
    assert parsers.get("os_release").parse(fixture_text("os_release_redhat.txt")) == {
        "distro": "CentOS Linux release 7.4.1708 (Core)", "distro_id": "centos", "distro_version": "7.4.1708"}


def test_date_local_zone_gives_no_utc():
    assert parsers.get("date").parse(fixture_text("date.txt")) == {"collected_at": datetime(2018, 5, 30, 18, 30, 1)}
    utc = parsers.get("date").parse("Fri Feb 11 19:23:39 UTC 2022")
    assert utc["collected_at_utc"] == utc["collected_at"] == datetime(2022, 2, 11, 19, 23, 39)


@pytest.mark.parametrize("name, expected", [
    ("uptime_proc.txt", {"uptime_s": 350735.47}),
    ("uptime_text.txt", {"uptime_s": 273900.0, "load_1": 1.0, "load_5": 1.0, "load_15": 1.0}),
])
def test_uptime(name, expected):
    assert parsers.get("uptime").parse(fixture_text(name)) == expected


def test_load_averages_from_uptime_and_loadavg():
    text = " 19:23:39 up 25 min,  1 user,  load average: 0.57, 0.39, 12.30"
    assert parsers.get("uptime").parse(text) == {"uptime_s": 1500.0, "load_1": 0.57, "load_5": 0.39, "load_15": 12.3}
    assert parsers.get("loadavg").parse(fixture_text("loadavg.txt")) == {"load_1": 2.15, "load_5": 1.98, "load_15": 1.7}
    assert parsers.get("loadavg").parse("") == {}


@pytest.mark.parametrize("text, seconds", [(" 19:23:39 up 25 min,  1 user", 1500.0),
                                           (" 10:00:00 up 1 day, 10 min,  3 users", 87000.0),
                                           (" 10:00:00 up  2:03,  3 users", 7380.0)])
def test_uptime_text_forms(text, seconds):
    assert parsers.get("uptime").parse(text) == {"uptime_s": seconds}


def test_dmi_product():
    assert parsers.get("dmi_product").parse(fixture_text("dmi_product.txt")) == {"virtualization": "VMware Virtual Platform"}


def test_sos_version():
    assert parsers.get("sos_version").parse(fixture_text("sos_version.txt")) == {"format": "sos", "format_version": "4.2"}


def test_sysctl():
    rows = parsers.get("sysctl").parse(fixture_text("sysctl.txt")).to_pylist()
    assert rows == [{"name": "kernel.printk", "value": "4 4 1 7"},
                    {"name": "net.bridge.bridge-nf-call-iptables", "value": "0"},
                    {"name": "net.ipv4.ip_forward", "value": "1"},
                    {"name": "vm.swappiness", "value": "30"},
                    {"name": "kernel.domainname", "value": ""}]


def test_manifest():
    facts = parsers.get("manifest").parse(fixture_text("manifest.json"))
    assert facts["hostname"] == "node5"
    assert facts["collected_at"] == datetime(2018, 7, 10, 10, 0, 0)
    assert facts["collected_at_utc"] == datetime(2018, 7, 10, 2, 0, 0)
    assert facts["boot_time"] == datetime(2018, 7, 1, 8, 0, 0)
    assert "truncated_members" not in facts      # truncation comes from manifest_items


@pytest.mark.parametrize("text", ["not json", "[]", '{"format": "something-else"}'])
def test_manifest_rejects_foreign_json(text):
    with pytest.raises(ParseError):
        parsers.get("manifest").parse(text)


def _samples(doc):
    """(member, text) of each 'Sample input (member, ...)::' block of a docstring: the indented
    lines after it. The member is the path named first in the parentheses, where there is one."""
    samples, header, block = [], None, None
    for line in doc.splitlines() + ["."]:
        if block is not None and (line.startswith("    ") or not line.strip()):
            block.append(line[4:])
            continue
        if block is not None:
            samples.append((_member(header), "\n".join(block).strip("\n") + "\n"))
            header, block = None, None
        if line.startswith("Sample input") or header is not None:
            header = (header or "") + " " + line.strip()
            if line.rstrip().endswith("::"):
                block = []
    return samples


def _member(header):
    inside = re.search(r"\(([^),]+)", header)
    first = inside.group(1).split()[0] if inside else ""
    return first if "/" in first or "." in first else "sample"


PARSER_MODULES = sorted(p.stem for p in (ROOT / "analyzer" / "parsers").glob("[!_]*.py"))


@pytest.mark.parametrize("name", PARSER_MODULES)
def test_each_parser_reads_the_sample_input_of_its_own_docstring(name):
    parser = parsers.get(name)
    samples = _samples(parser.__doc__ or "")
    assert samples, f"{name}: its docstring has no 'Sample input::' block"
    for member, text in samples:
        parse = (lambda t: parser.parse_member(t, member)) if hasattr(parser, "parse_member") else parser.parse
        if parser.KIND == "facts":
            assert parse(text), f"{name}: no facts from its sample"
        elif parser.KIND == "log":
            assert sum(t.num_rows for t in parse([(1, text)])), f"{name}: no lines from its sample"
        else:
            result = parse(text)
            tables = result.values() if isinstance(result, dict) else [result]
            assert sum(t.num_rows for t in tables), f"{name}: no rows from its sample"


def test_a_parsers_clean_up_names_the_tables_it_works_on():
    """A parser's FINALIZE_SQL runs for a bundle with rows in its FINALIZE_READS (derive/pipeline.py):
    each of those is a table of the contract that every statement reads."""
    from sosql.derive.pipeline import FINALIZE
    from sosql.store import schema
    assert len(FINALIZE) >= 3
    for reads, sql in FINALIZE:
        assert reads and all(t in schema.BY_NAME and re.search(rf"\bFROM {t}\b", sql) for t in reads), (reads, sql)
