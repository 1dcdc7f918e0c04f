"""SMART health, bcache tuning, rsyslog's reads and writes: the parsers. The rules on them
(smart_health_failed, bcache_not_tuned, rsyslog_reads_its_own_output) have their cases beside them
(`<rule>.cases.toml`)."""
from sosql.parsers import bcache, rsyslog_conf, smartctl

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


def test_rsyslog_reads_and_writes():
    rows = rsyslog_conf.parse_member(fixture_text("rsyslog_conf.txt"), "etc/rsyslog.d/50-default.conf").to_pylist()
    assert [(r["line_no"], r["direction"], r["file"]) for r in rows] == [
        (1, "writes", "/var/log/syslog"), (2, "writes", "/var/log/kern.log"), (5, "reads", "/var/log/syslog"),
        (6, "reads", "/var/log/kern.log"), (7, "writes", "/var/log/app.log")]
