"""What the rules' cases (`<rule>.cases.toml`) cannot say about the storage and stack trace rules:
the NFS rule's findings, one per server, each saying whether its server came back, and the events
that a kern.log in dmesg's format and a bare stack trace give."""
import pytest

from sosql import load
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import FIXTURES

sys_line = "Jul 10 09:40:{:02d} node9 {}: {}".format


def loaded(store, tmp_path, files):
    assert not load(store, [write_dir(tmp_path / "b", files)], strict=True).failed


def fired(store, tmp_path, files, rule_id):
    loaded(store, tmp_path, files)
    checks.run(store, checks.select(checks.discover()[0], only=[rule_id]))
    return store.arrow("SELECT * FROM findings WHERE rule_id = ?", [rule_id]).to_pylist()


def messages(*lines):
    return "".join(sys_line(i, program, text) + "\n" for i, (program, text) in enumerate(lines))


def test_nfs_finding_says_whether_the_server_came_back(store, tmp_path):
    lines = [("kernel", "nfs: server a not responding, still trying"), ("kernel", "nfs: server a OK"),
             ("kernel", "nfs: server b not responding, still trying")]
    found = fired(store, tmp_path, native_files(messages=messages(*lines)), "nfs_server_not_responding")
    details = sorted(f["details"] for f in found)
    assert len(details) == 2 and '"recovered":true' in details[0] and '"recovered":false' in details[1]


def test_a_kern_log_written_in_dmesg_format_gives_its_events(store, tmp_path):
    """The hung task report and an OOM kill are in a kern.log whose lines have no syslog head."""
    from sosql.sample_bundles.incidents import BCACHE_HANG, dmesg_format
    kern_log = dmesg_format(["Out of memory: Killed process 955 (gnome-shell) total-vm:3289540kB"] + BCACHE_HANG, 725.79)
    loaded(store, tmp_path, native_files(extra={"files/var/log/kern.log": kern_log}))
    kinds = store.arrow("SELECT kind, source, process, uptime_s FROM events ORDER BY line_no").to_pylist()
    assert kinds == [{"kind": "oom_kill", "source": "kern_log", "process": "gnome-shell", "uptime_s": 725.79},
                     {"kind": "hung_task", "source": "kern_log", "process": "bcache-register",
                      "uptime_s": pytest.approx(725.790137)}]


def test_a_bare_trace_is_an_event(store, tmp_path):
    dmesg = (FIXTURES / "crashes" / "bare_call_trace.txt").read_text()
    loaded(store, tmp_path, native_files(extra={"commands/dmesg": dmesg}))
    events = store.arrow("SELECT kind, severity, line_no, process, detail FROM events "
                         "WHERE kind IN ('call_trace', 'soft_lockup', 'oom_kill') ORDER BY line_no").to_pylist()
    assert events == [
        {"kind": "call_trace", "severity": "medium", "line_no": 2, "process": "insmod",
         "detail": "dump_stack <- mydrv_init <- do_one_initcall"},
        {"kind": "soft_lockup", "severity": "high", "line_no": 32, "process": "stress", "detail": None}]
