"""Host facts and log times on whole bundles, where real sos and insights trees went wrong."""
from datetime import datetime

import pytest

from sosql import load
from sosql.derive import logyear
from sosql.rules import checks

from bundles import write_dir
from conftest import fixture_text

LINUX_VERSION = ("[    0.000000] Linux version 3.10.0-957.el7.x86_64 (mockbuild@x86-040.build.eng.bos.redhat.com) "
                 "(gcc version 4.8.5 20150623 (Red Hat 4.8.5-36) (GCC) ) #1 SMP Thu Oct 4 20:48:51 UTC 2018\n")
CLASSIC = "Mar  3 10:00:00 web1 kernel: e1000: eth0 NIC Link is Up\nJan  2 08:00:00 web1 sshd[12]: started\n"


def sos(tmp_path, files):
    return write_dir(tmp_path / "sos", dict({"version.txt": "sosreport: 4.2\n"}, **files))


def host(store, columns):
    return store.arrow(f"SELECT {columns} FROM hosts JOIN bundles USING (bundle_id)").to_pylist()[0]


def test_sos_tree_without_os_release(store, tmp_path):
    bundle = sos(tmp_path, {"sos_commands/release/lsb_release_-a": fixture_text("lsb_release_a.txt"),
                            "etc/lsb-release": fixture_text("lsb_release_file.txt"),
                            "sos_commands/hardware/dmidecode": fixture_text("dmidecode.txt"),
                            "sos_commands/ntp/ntptime": fixture_text("clock_ntptime_unsync.txt"),
                            "sos_commands/kernel/uname_-a": fixture_text("uname.txt")})
    assert not load(store, [bundle], strict=True).failed
    assert host(store, "distro, distro_id, distro_version, system_vendor, system_product, bios_version, "
                       "clock_synchronized, clock_source") == {
        "distro": "Ubuntu 18.04.6 LTS", "distro_id": "ubuntu", "distro_version": "18.04",   # lsb_release -a first
        "system_vendor": "Dell Inc.", "system_product": "PowerEdge R640", "bios_version": "2.8.0",
        "clock_synchronized": False, "clock_source": "ntptime"}
    checks.run(store, checks.select(checks.discover()[0], only=["clock_not_synchronized"]))
    (finding,) = store.arrow("SELECT evidence FROM findings").to_pylist()
    assert finding["evidence"].startswith("ntptime says the clock is not synchronized")


def test_os_release_beats_the_other_release_files(store, tmp_path):
    bundle = sos(tmp_path, {"etc/os-release": fixture_text("os_release.txt"),
                            "etc/redhat-release": fixture_text("os_release_rhel.txt"),
                            "etc/lsb-release": fixture_text("lsb_release_file.txt")})
    load(store, [bundle], strict=True)
    assert host(store, "distro_id, distro_version") == {"distro_id": "centos", "distro_version": "7"}


def test_insights_tree_redhat_release_and_ntpq(store, tmp_path):
    bundle = write_dir(tmp_path / "ins", {"branch_info": "{}", "etc/redhat-release": fixture_text("os_release_rhel.txt"),
                                          "insights_commands/ntpq_-pn": fixture_text("clock_ntpq.txt"),
                                          "insights_commands/ntptime": "Command not found",
                                          "insights_commands/dmidecode": fixture_text("dmidecode.txt")})
    load(store, [bundle], strict=True)
    assert host(store, "distro_id, distro_version, clock_synchronized, clock_source, system_vendor") == {
        "distro_id": "rhel", "distro_version": "6.10", "clock_synchronized": True, "clock_source": "ntpq",
        "system_vendor": "Dell Inc."}


def test_kernel_release_and_arch_from_the_boot_log(store, tmp_path):
    load(store, [sos(tmp_path, {"sos_commands/kernel/dmesg": LINUX_VERSION})], strict=True)
    assert host(store, "kernel_release, kernel_version, arch") == {
        "kernel_release": "3.10.0-957.el7.x86_64", "kernel_version": "#1 SMP Thu Oct 4 20:48:51 UTC 2018",
        "arch": "x86_64"}


@pytest.mark.parametrize("release, arch", [("4.19.0-6-amd64", "x86_64"), ("4.18.0-305.el8.aarch64", "aarch64"),
                                           ("5.4.0-99-generic", None)])
def test_arch_from_the_release_suffix(store, tmp_path, release, arch):
    load(store, [sos(tmp_path, {"sos_commands/kernel/dmesg": LINUX_VERSION.replace("3.10.0-957.el7.x86_64", release)})],
         strict=True)
    assert host(store, "arch")["arch"] == arch


@pytest.mark.parametrize("header, year", [
    ("-- Logs begin at Sun 2020-01-12 10:00:00 UTC, end at Wed 2021-01-13 09:00:00 UTC. --", 2021),
    ("-- Journal begins at Mon 2022-06-06 10:00:00 CET, ends at Fri 2023-01-13 11:00:00 CET. --", 2023),
])
def test_journal_header_gives_the_year_without_a_date_file(store, tmp_path, header, year):
    journal = header + "\n" + CLASSIC
    load(store, [sos(tmp_path, {"sos_commands/logs/journalctl_--no-pager": journal})], strict=True)
    times = [r["ts"] for r in store.arrow("SELECT ts FROM log_lines WHERE ts_raw IS NOT NULL ORDER BY line_no")
             .to_pylist()]
    assert times == [datetime(year - 1, 3, 3, 10), datetime(year, 1, 2, 8)]   # March is after the end: last year
    assert host(store, "ts_year_inferred, ts_year_basis") == {"ts_year_inferred": True,
                                                              "ts_year_basis": "journal_header"}


def test_kernel_build_date_is_a_lower_bound_for_the_year(store, tmp_path):
    load(store, [sos(tmp_path, {"sos_commands/kernel/uname_-a": fixture_text("uname.txt"),    # built Aug 22 2017
                                "var/log/messages": CLASSIC})], strict=True)
    assert [r["ts"] for r in store.arrow("SELECT ts FROM log_lines ORDER BY line_no").to_pylist()] == [
        datetime(2018, 3, 3, 10), datetime(2018, 1, 2, 8)]
    assert host(store, "ts_year_basis")["ts_year_basis"] == "kernel_build"


def test_a_known_collection_time_is_not_a_guess(store, tmp_path):
    load(store, [sos(tmp_path, {"sos_commands/date/date": fixture_text("date.txt"), "var/log/messages": CLASSIC})],
         strict=True)
    assert host(store, "ts_year_inferred, ts_year_basis") == {"ts_year_inferred": False,
                                                              "ts_year_basis": "collected_at"}


def test_without_any_clue_the_newest_plausible_year(store):
    now = datetime(2026, 2, 1, 12, 0)
    assert logyear.reference(store, "none", None, now) == (now, "now")
    assert logyear.build_date("#112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022") == datetime(2022, 2, 3, 13, 50, 55)
    assert logyear.build_date("#1 SMP Debian 4.19.67-2 (2019-08-28)") is None


def test_our_bundle_reads_the_dmi_files(store, tmp_path):
    from bundles import native_files
    dmi = "files/sys/class/dmi/id/"
    files = native_files(extra={dmi + "sys_vendor": "Dell Inc.\n", dmi + "product_name": "PowerEdge R640\n",
                                dmi + "bios_vendor": "Dell Inc.\n", dmi + "bios_version": "2.8.0\n"})
    load(store, [write_dir(tmp_path / "b", files)], strict=True)
    assert host(store, "system_vendor, system_product, bios_version, virtualization") == {
        "system_vendor": "Dell Inc.", "system_product": "PowerEdge R640", "bios_version": "2.8.0",
        "virtualization": "PowerEdge R640"}


def test_an_archive_mtime_dates_a_syslog_without_other_clues(store, tmp_path):
    import io
    import tarfile
    path = tmp_path / "sosreport-web1.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, text, mtime in (("version.txt", "sosreport: 4.2\n", 0), ("var/log/messages", CLASSIC,
                                                                          datetime(2021, 2, 1).timestamp())):
            info = tarfile.TarInfo(f"sosreport-web1/{name}")
            info.size, info.mtime = len(text), mtime
            tar.addfile(info, io.BytesIO(text.encode()))
    load(store, [path], strict=True)
    assert [r["ts"] for r in store.arrow("SELECT ts FROM log_lines ORDER BY line_no").to_pylist()] == [
        datetime(2020, 3, 3, 10), datetime(2021, 1, 2, 8)]
    assert host(store, "ts_year_basis")["ts_year_basis"] == "file_mtime"
