"""Problems canonical/hotsos raises that sosql names too: a failing disk, multipath, FC ports in
target mode, NFS, hung tasks by cause, bare stack traces, and kern.log files in dmesg's format.
Each rule fires on a bundle holding its lines and stays silent on a near miss."""
import pytest

from sosql import load
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import FIXTURES

sys_line = "Jul 10 09:40:{:02d} node9 {}: {}".format


def fired(store, tmp_path, files, rule_id):
    assert not load(store, [write_dir(tmp_path / "b", files)], strict=True).failed
    checks.run(store, checks.select(checks.discover()[0], only=[rule_id]))
    return store.arrow("SELECT * FROM findings WHERE rule_id = ?", [rule_id]).to_pylist()


def messages(*lines):
    return "".join(sys_line(i, program, text) + "\n" for i, (program, text) in enumerate(lines))


@pytest.mark.parametrize("rule_id, lines, expected", [
    ("disk_medium_errors", [("kernel", "print_req_error: critical medium error, dev sdb, sector 8724376")], True),
    ("disk_medium_errors", [("kernel", "blk_update_request: I/O error, dev loop11, sector 0 op 0x1:(WRITE)")], False),
    ("filesystem_errors", [("kernel", "print_req_error: critical medium error, dev sdb, sector 8724376")], False),
    ("multipath_path_failures", [("multipathd", "sdb: mark as failed")], True),
    ("multipath_path_failures", [("multipathd", "bcache0: HDIO_GETGEO failed with 25")], False),
    ("multipath_all_paths_lost", [("multipathd", "mpatha: remaining active paths: 0")], True),
    ("multipath_all_paths_lost", [("multipathd", "mpatha: remaining active paths: 1")], False),
    ("qla2xxx_scan_skipped", [("kernel", "qla2xxx [0000:04:00.1]-0122:10: skipping scsi_scan_host() for "
                                         "non-initiator port")], True),
    ("qla2xxx_scan_skipped", [("kernel", "qla2xxx [0000:04:00.1]-00fb:10: QLogic QLE2692 - QLogic 16Gb FC "
                                         "Dual-port HBA.")], False),
    ("nfs_mount_name_resolution", [("mount", "mount.nfs: Failed to resolve server my.great.nfsserver.org: "
                                             "Name or service not known")], True),
    ("nfs_mount_name_resolution", [("mount", "mount.nfs: access denied by server while mounting srv:/x")], False),
    ("nfs_server_not_responding", [("kernel", "nfs: server filesrv01 not responding, still trying")], True),
    ("nfs_server_not_responding", [("kernel", "nfs: server filesrv01 OK")], False),
])
def test_storage_rules(store, tmp_path, rule_id, lines, expected):
    assert bool(fired(store, tmp_path, native_files(messages=messages(*lines)), rule_id)) is expected


def test_nfs_finding_says_whether_the_server_came_back(store, tmp_path):
    lines = [("kernel", "nfs: server a not responding, still trying"), ("kernel", "nfs: server a OK"),
             ("kernel", "nfs: server b not responding, still trying")]
    found = fired(store, tmp_path, native_files(messages=messages(*lines)), "nfs_server_not_responding")
    details = sorted(f["details"] for f in found)
    assert len(details) == 2 and '"recovered":true' in details[0] and '"recovered":false' in details[1]


@pytest.mark.parametrize("rule_id", ["fanotify_hang", "bcache_register_deadlock"])
def test_hung_task_cause_rules(store, tmp_path, rule_id):
    text = (FIXTURES / "crashes" / "hung_task_causes.log").read_text()
    found = fired(store, tmp_path, native_files(messages=text), rule_id)
    assert [f["evidence"] for f in found] == (
        ["INFO: task controller:1428 blocked for more than 120 seconds."] if rule_id == "fanotify_hang" else [])


def test_bcache_deadlock_in_a_kern_log_written_in_dmesg_format(store, tmp_path):
    """The hung task report and an OOM kill are in a kern.log whose lines have no syslog head."""
    from sosql.sample_bundles.incidents import BCACHE_HANG, dmesg_format
    kern_log = dmesg_format(["Out of memory: Killed process 955 (gnome-shell) total-vm:3289540kB"] + BCACHE_HANG, 725.79)
    found = fired(store, tmp_path, native_files(extra={"files/var/log/kern.log": kern_log}), "bcache_register_deadlock")
    assert [f["evidence"] for f in found] == ["INFO: task bcache-register:2330 blocked for more than 120 seconds."]
    kinds = store.arrow("SELECT kind, source, process, uptime_s FROM events ORDER BY line_no").to_pylist()
    assert kinds == [{"kind": "oom_kill", "source": "kern_log", "process": "gnome-shell", "uptime_s": 725.79},
                     {"kind": "hung_task", "source": "kern_log", "process": "bcache-register",
                      "uptime_s": pytest.approx(725.790137)}]


def test_a_bare_trace_is_a_crash_report_and_an_event(store, tmp_path):
    dmesg = (FIXTURES / "crashes" / "bare_call_trace.txt").read_text()
    found = fired(store, tmp_path, native_files(extra={"commands/dmesg": dmesg}), "kernel_stack_traces")
    assert len(found) == 1 and "insmod" in found[0]["evidence"] and "mydrv_init" in found[0]["evidence"]
    events = store.arrow("SELECT kind, severity, line_no, process, detail FROM events "
                         "WHERE kind IN ('call_trace', 'soft_lockup', 'oom_kill') ORDER BY line_no").to_pylist()
    assert events == [
        {"kind": "call_trace", "severity": "medium", "line_no": 2, "process": "insmod",
         "detail": "dump_stack <- mydrv_init <- do_one_initcall"},
        {"kind": "soft_lockup", "severity": "high", "line_no": 32, "process": "stress", "detail": None}]


def test_no_stack_trace_finding_without_a_bare_trace(store, tmp_path):
    lockup = (FIXTURES / "crashes" / "bare_call_trace.txt").read_text().splitlines()[30:]
    assert not fired(store, tmp_path, native_files(extra={"commands/dmesg": "\n".join(lockup) + "\n"}),
                     "kernel_stack_traces")
