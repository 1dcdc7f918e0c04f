"""Host facts that real bundles gave wrong or not at all: distro, hardware, clock, ps m, sysctl values."""
import pytest

from sosql import parsers

from conftest import fixture_text


def facts(parser, name):
    return parsers.get(parser).parse(fixture_text(name))


@pytest.mark.parametrize("name, expected", [
    ("lsb_release_a.txt", {"distro": "Ubuntu 18.04.6 LTS", "distro_id": "ubuntu", "distro_version": "18.04"}),
    ("lsb_release_file.txt", {"distro": "Debian GNU/Linux 10 (buster)", "distro_id": "debian",
                              "distro_version": "10"}),
])
def test_lsb_release_both_forms(name, expected):
    assert facts("lsb_release", name) == expected


def test_lsb_release_description_only_and_nothing():
    assert parsers.get("lsb_release").parse("Description:\tCentOS Linux release 7.9.2009 (Core)\n") == {
        "distro": "CentOS Linux release 7.9.2009 (Core)", "distro_id": "centos", "distro_version": None}
    assert parsers.get("lsb_release").parse("No LSB modules are available.\n") == {}


def test_redhat_release_gives_the_real_id():
    assert facts("os_release", "os_release_rhel.txt") == {
        "distro": "Red Hat Enterprise Linux Server release 6.10 (Santiago)", "distro_id": "rhel",
        "distro_version": "6.10"}


@pytest.mark.parametrize("line, distro_id, version", [
    ("Fedora release 38 (Thirty Eight)", "fedora", "38"),
    ("Oracle Linux Server release 7.9", "ol", "7.9"),
    ("Amazon Linux release 2 (Karoo)", "amzn", "2"),
    ("Amazon Linux AMI release 2018.03", "amzn", "2018.03"),
    ("Rocky Linux release 8.8 (Green Obsidian)", "rocky", "8.8"),
    ("AlmaLinux release 9.2 (Turquoise Kodkod)", "almalinux", "9.2"),
    ("CentOS Stream release 8", "centos", "8"),
    ("Scientific Linux release 6.4 (Carbon)", "scientific", "6.4"),
])
def test_release_lines(line, distro_id, version):
    got = parsers.get("os_release").parse(line + "\n")
    assert (got["distro"], got["distro_id"], got["distro_version"]) == (line, distro_id, version)


def test_dmidecode_system_and_bios_without_serial():
    assert facts("dmidecode", "dmidecode.txt") == {
        "bios_vendor": "Dell Inc.", "bios_version": "2.8.0", "system_vendor": "Dell Inc.",
        "system_product": "PowerEdge R640"}


def test_dmidecode_placeholders_and_errors_give_nothing():
    text = "System Information\n\tManufacturer: To Be Filled By O.E.M.\n\tProduct Name: System Product Name\n"
    assert parsers.get("dmidecode").parse(text) == {}
    assert parsers.get("dmidecode").parse("/dev/mem: Permission denied\n") == {}


@pytest.mark.parametrize("name, synchronized, source", [
    ("clock_ntptime_unsync.txt", False, "ntptime"),
    ("clock_ntptime_sync.txt", True, "ntptime"),
    ("clock_ntpq.txt", True, "ntpq"),
    ("clock_ntpq_none.txt", False, "ntpq"),
])
def test_clock_from_ntp_tools(name, synchronized, source):
    assert facts("clock", name) == {"clock_synchronized": synchronized, "clock_source": source}


@pytest.mark.parametrize("text", ["Command not found", "ntpq: read: Connection refused\n", ""])
def test_clock_tool_errors_say_nothing(text):
    assert parsers.get("clock").parse(text) == {}


def test_ps_m_takes_the_state_from_the_threads():
    procs = parsers.get("ps").parse(fixture_text("ps_m.txt")).to_pylist()
    assert [(p["pid"], p["stat"], p["program"]) for p in procs] == [
        (1, "Ss", "init"), (812, "D", "containerd"), (2040, "I<", "kworker")]


@pytest.mark.parametrize("name", ["sysctl_multiline.txt", "sysctl_bare_continuation.txt"])
def test_sysctl_multiline_value_is_one_row(name):
    rows = parsers.get("sysctl").parse(fixture_text(name)).to_pylist()
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)) and names[0] in ("dev.cdrom.autoclose", "dev.cdrom.info")
    info = next(r["value"] for r in rows if r["name"] == "dev.cdrom.info")
    assert info.startswith("CD-ROM information") and info.splitlines()[-2:] == ["drive name: sr0", "drive speed: 4"]


def test_dmi_id_files_name_their_field():
    dmi = parsers.get("dmi_id")
    assert dmi.parse_member("Dell Inc.\n", "files/sys/class/dmi/id/sys_vendor") == {"system_vendor": "Dell Inc."}
    assert dmi.parse_member("2.8.0\n", "files/sys/class/dmi/id/bios_version") == {"bios_version": "2.8.0"}
    assert dmi.parse_member("Default string\n", "files/sys/class/dmi/id/product_name") == {}
