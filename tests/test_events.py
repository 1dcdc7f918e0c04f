"""Event patterns: the seed lines and kernel messages classified with their fields."""
import pytest

from analyzer import events, parsers

CASES = [  # (message as logged, kind, fields it must carry)
    ("NMI watchdog: BUG: soft lockup - CPU#0 stuck for 21s! [server:102065]", "soft_lockup",
     {"cpu": 0, "seconds": 21.0, "process": "server", "pid": 102065}),
    ("BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:8812]", "soft_lockup",
     {"cpu": 3, "seconds": 23.0, "process": "kworker/3:1", "pid": 8812}),
    ("skbuff: skb_under_panic: text:ffffffff8153ae35 len:130 put:14 head:ffff8800ba626a00 "
     "data:ffff8800ba6269ee tail:0x70 end:0xc0 dev:br0", "skb_under_panic",
     {"device": "br0", "detail": "ffffffff8153ae35 len:130 put:14"}),
    ("Kernel panic - not syncing: Fatal exception in interrupt", "kernel_panic",
     {"detail": "Fatal exception in interrupt"}),
    ("Watchdog detected hard LOCKUP on cpu 2", "hard_lockup", {"cpu": 2}),
    ("INFO: task jbd2/sda1-8:317 blocked for more than 120 seconds.", "hung_task",
     {"process": "jbd2/sda1-8", "pid": 317, "seconds": 120.0}),
    ("Killed process 23817 (java) total-vm:9875324kB, anon-rss:7689148kB", "oom_kill",
     {"pid": 23817, "process": "java"}),
    ("Memory cgroup out of memory: Killed process 4242 (nginx) total-vm:1000kB", "oom_kill",
     {"pid": 4242, "process": "nginx"}),
    ("INFO: rcu_sched self-detected stall on CPU { 1}  (t=60000 jiffies)", "rcu_stall", {}),
]
QUIET = [
    "Out of memory: Kill process 23817 (java) score 912 or sacrifice child",  # the kill is counted once
    "watchdog: soft lockup detection enabled",
    "kernel panic handler registered",
]


def load_kernel_lines(store, messages, program="kernel"):
    text = "\n".join(f"Jul 10 09:40:{i:02d} node5 {program}: {m}" for i, m in enumerate(messages))
    for table in parsers.get("syslog").parse([(1, text)]):
        store.insert("log_lines", table, {"bundle_id": "b1", "source": "messages", "path": "var/log/messages"})


def test_catalog_is_valid():
    kinds = [p.kind for p in events.load_patterns()]
    assert len(kinds) == len(set(kinds))
    assert {"kernel_panic", "soft_lockup", "hard_lockup", "hung_task", "oom_kill", "skb_under_panic"} <= set(kinds)


@pytest.mark.parametrize("message, kind, fields", CASES, ids=[c[1] + str(i) for i, c in enumerate(CASES)])
def test_pattern_fields(store, message, kind, fields):
    load_kernel_lines(store, [message])
    events.classify(store, "b1")
    rows = store.arrow("SELECT * FROM events").to_pylist()
    assert [r["kind"] for r in rows] == [kind]
    assert {k: rows[0][k] for k in fields} == fields


def test_ordinary_lines_are_not_events(store):
    load_kernel_lines(store, QUIET)
    events.classify(store, "b1")
    assert store.arrow("SELECT kind, message FROM events").to_pylist() == []


def test_kernel_patterns_ignore_other_programs(store):
    load_kernel_lines(store, [CASES[0][0]], program="myapp")
    events.classify(store, "b1")
    assert store.arrow("SELECT * FROM events").num_rows == 0


def test_same_line_in_two_sources_is_one_event(store):
    load_kernel_lines(store, [CASES[0][0]])
    dmesg = parsers.get("dmesg").parse([(1, f"[ 5000.000000] {CASES[0][0]}")])
    for table in dmesg:
        store.insert("log_lines", table, {"bundle_id": "b1", "source": "dmesg", "path": "commands/dmesg"})
    events.classify(store, "b1")
    assert store.arrow("SELECT source FROM events").to_pylist() == [{"source": "messages"}]
