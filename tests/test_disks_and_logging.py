"""SMART health, bcache tuning, rsyslog feeding on its own output, over-MTU drops: parsers and rules."""
import pytest

from sosql import load, open_store
from sosql.parsers import bcache, rsyslog_conf, smartctl
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import fixture_text

SAS_OK = "=== START OF READ SMART DATA SECTION ===\nSMART Health Status: OK\nProduct:              ST600MM0006\n"


def test_smartctl_verdicts_counters_and_no_serial():
    (row,) = smartctl.parse_member(fixture_text("smartctl.txt"), "sos_commands/ata/smartctl_-a_.dev.sdb").to_pylist()
    assert row == {"device": "sdb", "model": "ST4000NM0033-9ZM170", "health": "FAILED", "failing": True,
                   "reallocated": 4095, "pending": 8, "uncorrectable": 8}
    (sas,) = smartctl.parse_member(SAS_OK, "insights_commands/smartctl_-a_-n_standby_.dev.sdc").to_pylist()
    assert (sas["device"], sas["health"], sas["failing"], sas["model"]) == ("sdc", "OK", False, "ST600MM0006")
    assert smartctl.parse_member("Smartctl open device: /dev/sdz failed: No such device\n", "x").num_rows == 0


def test_bcache_current_choice_and_thresholds():
    assert bcache.parse_member(fixture_text("bcache.txt"), "sys/block/bcache0/bcache/cache_mode").to_pylist() == [
        {"path": "sys/block/bcache0/bcache/cache_mode", "device": "bcache0", "name": "cache_mode", "value": "writeback"}]
    rows = bcache.parse_member("2000\n", "sys/fs/bcache/2a4e1f6e/congested_read_threshold_us").to_pylist()
    assert [(r["device"], r["name"], r["value"]) for r in rows] == [("2a4e1f6e", "congested_read_threshold_us", "2000")]
    # sos also copies a backing device under its cache set, as sys/fs/bcache/<set>/bdevN/
    rows = bcache.parse_member("[writethrough] writeback writearound none\n",
                               "sys/fs/bcache/2a4e1f6e/bdev1/cache_mode").to_pylist()
    assert [(r["device"], r["name"], r["value"]) for r in rows] == [("2a4e1f6e/bdev1", "cache_mode", "writethrough")]


def test_bcache_mode_read_under_the_cache_set_of_a_sos_report(tmp_path):
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 4.2\n", "sos_commands/host/hostname": "bcache-node\n",
        "sys/fs/bcache/5864fdf7/bdev0/cache_mode": "[writethrough] writeback writearound none\n",
        "sys/fs/bcache/5864fdf7/congested_read_threshold_us": "0\n"})
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=["bcache_not_tuned"]))
        assert store.execute("SELECT evidence FROM findings").fetchall() == [
            ("5864fdf7/bdev0 cache_mode = writethrough",)]


def test_rsyslog_reads_and_writes():
    rows = rsyslog_conf.parse_member(fixture_text("rsyslog_conf.txt"), "etc/rsyslog.d/50-default.conf").to_pylist()
    assert [(r["line_no"], r["direction"], r["file"]) for r in rows] == [
        (1, "writes", "/var/log/syslog"), (2, "writes", "/var/log/kern.log"), (5, "reads", "/var/log/syslog"),
        (6, "reads", "/var/log/kern.log"), (7, "writes", "/var/log/app.log")]


def findings(tmp_path, rule, extra, messages=""):
    bundle = write_dir(tmp_path / "b", native_files(messages=messages, extra=extra))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=[rule]))
        return [r[0] for r in store.execute("SELECT evidence FROM findings").fetchall()]


@pytest.mark.parametrize("text, fires", [(fixture_text("smartctl.txt"), True), (SAS_OK, False)])
def test_smart_health_failed(tmp_path, text, fires):
    found = findings(tmp_path, "smart_health_failed", {"commands/smartctl_-a_.dev.sdb": text})
    assert found == (["sdb (ST4000NM0033-9ZM170): FAILED, 4095 reallocated, 8 pending, 8 uncorrectable sectors"]
                     if fires else [])


@pytest.mark.parametrize("mode, read_us, fires", [
    ("writethrough [writeback] writearound none", "0", False),
    ("[writethrough] writeback writearound none", "0", True),
    ("writethrough [writeback] writearound none", "2000", True),
])
def test_bcache_not_tuned(tmp_path, mode, read_us, fires):
    found = findings(tmp_path, "bcache_not_tuned", {"files/sys/block/bcache0/bcache/cache_mode": mode,
                                                    "files/sys/fs/bcache/5864fdf7/congested_read_threshold_us": read_us,
                                                    "files/sys/fs/bcache/5864fdf7/congested_write_threshold_us": "0"})
    assert len(found) == fires


@pytest.mark.parametrize("conf, fires", [
    (fixture_text("rsyslog_conf.txt"), True),
    ('*.* /var/log/syslog\ninput(type="imfile" File="/var/log/nginx/access.log" Tag="nginx:")\n', False),
])
def test_rsyslog_reads_its_own_output(tmp_path, conf, fires):
    found = findings(tmp_path, "rsyslog_reads_its_own_output", {"files/etc/rsyslog.d/50-default.conf": conf})
    assert found == (["/var/log/kern.log read at files/etc/rsyslog.d/50-default.conf:6, written by "
                      "files/etc/rsyslog.d/50-default.conf:2\n/var/log/syslog read at "
                      "files/etc/rsyslog.d/50-default.conf:5, written by files/etc/rsyslog.d/50-default.conf:1"]
                     if fires else [])


def test_rsyslog_reading_the_system_log_is_a_loop_without_its_writer_in_the_bundle(tmp_path):
    conf = ('module(load="imfile")\n# input(type="imfile" File="/var/log/messages")\ninput(type="imfile"\n'
            '      File="/var/log/syslog"\n      Tag="copy:")\n')
    found = findings(tmp_path, "rsyslog_reads_its_own_output", {"files/etc/rsyslog.d/60-copy.conf": conf})
    assert found == ["/var/log/syslog read at files/etc/rsyslog.d/60-copy.conf:3, written by the default configuration"]


def test_over_mtu_drops(tmp_path):
    log = "".join(f"Jul 10 09:40:0{i} n kernel: tap7c1f0e2a-4b: dropped over-mtu packet: 8950 > 1450\n" for i in range(3))
    found = findings(tmp_path, "over_mtu_packet_drops", {}, messages=log)
    assert len(found) == 1 and found[0].count("dropped over-mtu packet") == 3
    assert findings(tmp_path / "none", "over_mtu_packet_drops", {}, messages="Jul 10 09:40:00 n kernel: hello\n") == []
