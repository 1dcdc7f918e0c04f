"""Event patterns: the seed lines and kernel messages classified with their fields."""
import re

import pytest

from sosql import parsers
from sosql.derive import events
from sosql.errors import SosqlError

from conftest import ROOT

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
    ("BUG: unable to handle kernel NULL pointer dereference at 0000000000000008", "oops",
     {"detail": "NULL pointer dereference"}),
    ("general protection fault: 0000 [#1] SMP", "oops", {}),
    ("kernel BUG at net/core/skbuff.c:129!", "oops", {}),
    ("divide error: 0000 [#1] SMP", "oops", {}),
    ("WARNING: CPU: 3 PID: 1204 at net/core/dev.c:2440 skb_warn_bad_offload+0x99/0xb0", "kernel_warning",
     {"cpu": 3, "pid": 1204, "detail": "net/core/dev.c:2440"}),
    ("WARNING: at kernel/sched.c:5914 thread_return+0x232/0x79d()", "kernel_warning", {"detail": "kernel/sched.c:5914"}),
    ("Memory cgroup out of memory: Kill process 4242 (nginx) score 1000 or sacrifice child", "memcg_oom",
     {"pid": 4242, "process": "nginx"}),
    ("kworker/u16:2: page allocation failure: order:4, mode:0x104020", "page_alloc_failure",
     {"process": "kworker/u16:2", "detail": "4"}),
    ("SLUB: Unable to allocate memory on node -1 (gfp=0x8020)", "slub_alloc_failure", {"detail": "-1"}),
    ("mce: [Hardware Error]: Machine check events logged", "mce", {}),
    ("unregister_netdevice: waiting for eth0 to become free. Usage count = 1", "unregister_netdevice",
     {"device": "eth0"}),
    ("nf_conntrack: table full, dropping packet", "conntrack_full", {}),
    ("skbuff: skb_over_panic: text:ffffffffa01c1b5e len:1602 put:1602 head:ffff88003d1cd000 "
     "data:ffff88003d1cd040 tail:0x682 end:0x640 dev:eth0", "skb_over_panic", {"device": "eth0"}),
    ("overlayfs: upper fs does not support d_type.", "overlay_error", {}),
    ("connection4:0: detected conn error (1022)", "iscsi_conn_error", {"detail": "1022"}),
    ("connection4:0: ping timeout of 5 secs expired, recv timeout 5, last rx 4809172764", "iscsi_conn_error",
     {"seconds": 5.0}),
    ("nfs: server nfs01 not responding, still trying", "nfs_not_responding", {"device": "nfs01"}),
    ("EXT4-fs error (device sda1): ext4_find_entry:1456: inode #2: comm ls: reading directory lblock 0",
     "ext4_error", {"device": "sda1"}),
    ("XFS (dm-0): metadata I/O error: block 0x1 (\"xfs_trans_read_buf_map\") error 5", "xfs_error",
     {"device": "dm-0"}),
    ("EXT4-fs (sda1): Remounting filesystem read-only", "readonly_remount", {}),
    ("Buffer I/O error on dev sdb1, logical block 0, async page read", "buffer_io_error", {"device": "sdb1"}),
    ("blk_update_request: I/O error, dev loop11, sector 0 op 0x0:(READ)", "block_io_error",
     {"device": "loop11", "detail": "I/O error"}),
    # dialects and wordings of other kernel versions and architectures
    ("INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.", "hung_task",
     {"process": "udevd", "pid": 5612, "seconds": 143.0}),
    ("INFO: rcu_tasks detected stalls on tasks:", "rcu_stall", {}),
    ("rcu: INFO: rcu_preempt detected expedited stalls on CPUs/tasks: { 1-... } 21029 jiffies s: 1645", "rcu_stall", {}),
    ("httpd: page allocation failure. order:0, mode:0x20", "page_alloc_failure", {"process": "httpd", "detail": "0"}),
    ("Bad mode in Synchronous Abort handler detected on CPU0, code 0x86000006 -- IABT (current EL)", "oops", {}),
    ("PANIC: double fault, error_code: 0x0", "oops", {}),
    ("Internal error: Oops: 96000005 [#1] PREEMPT SMP", "oops", {}),
    ("Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010", "oops", {}),
    ("Oops: Kernel access of bad area, sig: 11 [#1]", "oops", {}),
    ("BUG: KASAN: slab-use-after-free in __lock_acquire+0x3a9a/0x4210", "oops", {}),
    ("BUG: sleeping function called from invalid context at mm/slab.h:742", "oops", {}),
    ("general protection fault, probably for non-canonical address 0xdffffc0000000003: 0000 [#1] PREEMPT SMP KASAN",
     "oops", {}),
    ("WARNING: possible circular locking dependency detected", "kernel_warning",
     {"detail": "possible circular locking dependency"}),
    ("UBSAN: array-index-out-of-bounds in drivers/net/wireless/ath/ath9k/htc_hst.c:339:9", "kernel_warning",
     {"detail": "array-index-out-of-bounds"}),
    ("WARNING: kernel/sched/core.c:1234 at __schedule+0x1f/0x60, CPU#2: kworker/2:1/88", "kernel_warning",
     {"detail": "kernel/sched/core.c:1234", "cpu": 2, "process": "kworker/2:1", "pid": 88}),
    ("NETDEV WATCHDOG: enp9s0 (igb): transmit queue 0 timed out", "netdev_watchdog",
     {"device": "enp9s0", "detail": "igb"}),
    ("NETDEV WATCHDOG: eth0: transmit timed out", "netdev_watchdog", {"device": "eth0"}),
    ("igb 0000:03:00.0 enp3s0: NETDEV WATCHDOG: CPU: 1: transmit queue 0 timed out 5120 ms", "netdev_watchdog",
     {"device": "enp3s0", "detail": "igb"}),
    ("print_req_error: critical medium error, dev sdb, sector 130611915", "block_io_error",
     {"device": "sdb", "detail": "critical medium error"}),
    ("end_request: I/O error, dev sda, sector 2048", "block_io_error", {"device": "sda"}),
    ("[ BUG: bad unlock balance detected! ]", "kernel_warning", {"detail": "bad unlock balance"}),
    ("INFO: trying to register non-static key.", "kernel_warning", {"detail": "trying to register non-static key"}),
    ("WARNING: syz-fuzzer/4398 still has locks held!", "kernel_warning", {}),
    ("IPv6: BUG: Address 2001:db8::1 on device lo is missing its host route.", "oops", {}),
    ("CPU 0: Machine Check Exception: 0000000000000007", "mce", {}),
    ("BUG kmalloc-64 (Tainted: G    B       ): Redzone overwritten", "oops", {}),
    # storage: a failing disk, multipath, FC HBAs, NFS
    ("blk_update_request: critical medium error, dev sdk, sector 130611915", "block_io_error",
     {"device": "sdk", "detail": "critical medium error"}),
    ("device-mapper: multipath: Failing path 8:16.", "multipath_path_failed", {"device": "8:16"}),
    ("device-mapper: multipath: 253:2: Failing path 65:48.", "multipath_path_failed", {"device": "65:48"}),
    ("qla2xxx [0000:04:00.0]-0122:1: skipping scsi_scan_host() for non-initiator port", "qla2xxx_scan_skipped",
     {"device": "0000:04:00.0", "detail": "1"}),
    ("nfs: server filesrv01 OK", "nfs_server_ok", {"device": "filesrv01"}),
    ("tap7c1f0e2a-4b: dropped over-mtu packet: 8950 > 1450", "over_mtu_drop",
     {"device": "tap7c1f0e2a-4b", "detail": "8950 > 1450"}),
    # a report header written into another CPU's unfinished line
    ("kmalloc: allocation failure: 34359738352 bytes[   76.471107] BUG: unable to handle kernel paging request "
     "at ffffc90000a3e000", "oops", {"detail": "paging request"}),
]

SERVICE_CASES = [  # (program, message, kind, fields)
    ("etcd", 'read-only range request "key:\\"/registry/pods\\" " took too long (5.248197799s) to execute',
     "etcd_slow", {"seconds": 5.248197799}),
    ("etcd", 'read-only range request "key:\\"/registry/pods\\" " took too long (186.374578ms) to execute',
     "etcd_slow", {"seconds": 0.186374578}),
    ("kubelet", 'I0607 prober.go:111] Liveness probe failed: HTTP probe failed with statuscode: 500',
     "probe_failure", {"detail": "Liveness"}),
    ("kubelet", 'E0607 pod_workers.go:186] Back-off restarting failed container', "backoff_restart", {}),
    ("etcd", '{"level":"warn","ts":"2023-03-01T10:00:00.000Z","caller":"etcdserver/util.go:166",'
             '"msg":"apply request took too long","took":"3.35s","expected-duration":"100ms"}',
     "etcd_slow", {"seconds": 3.35}),
    ("kubelet", 'I0607 prober.go:106] Liveness probe for "web-1_default(uid):web" failed (failure): HTTP probe '
                'failed with statuscode: 500', "probe_failure", {"detail": "Liveness"}),
    ("kubelet", 'I0301 10:00:00.000000 1988 prober.go:107] "Probe failed" probeType="Readiness" pod="default/web-1"',
     "probe_failure", {"detail": "Readiness"}),
    ("kubelet", 'E0301 10:00:00.000000 1988 prober.go:104] "Probe errored" err="rpc error: code = DeadlineExceeded '
                'desc = context deadline exceeded" probeType="Liveness" pod="default/web-1" containerName="web"',
     "probe_failure", {"detail": "Liveness"}),
    ("kubelet", 'W0607 prober.go:108] Readiness probe for "web-1_default(uid):web" errored: rpc error: code = '
                'DeadlineExceeded desc = context deadline exceeded', "probe_failure", {"detail": "Readiness"}),
    ("kubelet", 'E0301 10:00:00.000000 1988 pod_workers.go:965] "Error syncing pod, skipping" err="failed to '
                '\\"StartContainer\\" for \\"web\\" with CrashLoopBackOff: \\"back-off 5m0s restarting failed '
                'container=web pod=web-1_default(uid)\\""', "backoff_restart", {}),
    ("kubelet", "E0607 05:19:34.279815 1988 iscsi_util.go:209] iscsi: could not read iface default error:",
     "iscsi_missing", {"device": "default"}),
    ("kubelet", 'MountVolume.WaitForAttach failed for volume "pvc-1" (UniqueName: "kubernetes.io/iscsi/10.96.94.155:3260:iqn") '
                ': executable file not found in $PATH', "iscsi_missing", {}),
    ("kubelet", "iscsi: failed to rescan session with error: iscsiadm: No session found. (exit status 21)",
     "iscsi_no_session", {}),
    ("flanneld", "E0710 subnet.go:200] Lease has been revoked. Shutting down daemon.", "flannel_lease_lost",
     {"detail": "Lease has been revoked"}),
    ("Keepalived_vrrp", "VRRP_Instance(VI_1) Entering MASTER STATE", "keepalived_state",
     {"detail": "VI_1", "state": "MASTER"}),
    ("dockerd", 'level=warning msg="failed to load plugin io.containerd.snapshotter.v1.overlayfs" error="..."',
     "storage_driver_error", {"detail": "io.containerd.snapshotter.v1.overlayfs"}),
    ("dockerd", 'Error response: Get https://registry-1.docker.io/v2/: dial tcp: lookup auth.docker.io on [::1]:53: '
                'read udp [::1]:41342->[::1]:53: read: connection refused', "dns_lookup_failure",
     {"detail": "auth.docker.io", "device": "[::1]:53"}),
    ("kubelet", 'Failed to watch directory "/sys/fs/cgroup/memory/kubepods": inotify_add_watch /sys/fs/cgroup: no space left on device',
     "inotify_limit", {}),
    ("dockerd", 'Error removing mounted layer 8a1b: remove /var/lib/docker/overlay/8a1b/merged: device or resource busy',
     "device_busy", {}),
    ("kubelet", 'Failed to create cgroup: mkdir /sys/fs/cgroup/memory/kubepods/burstable/pod1: no space left on device',
     "cgroup_no_space", {}),
    ("multipathd", "sdb: mark as failed", "multipath_path_failed", {"device": "sdb"}),
    ("multipathd", "checker failed path 8:32 in map mpatha", "multipath_path_failed",
     {"device": "8:32", "detail": "mpatha"}),
    ("multipathd", "mpatha: remaining active paths: 0", "multipath_no_paths", {"detail": "mpatha"}),
    ("mount", "mount.nfs: Failed to resolve server my.great.nfsserver.org: Name or service not known",
     "nfs_name_resolution", {"device": "my.great.nfsserver.org", "detail": "Name or service not known"}),
    ("mount", "mount.nfs4: Failed to resolve server my.another.great.nfs.org: Temporary failure in name resolution",
     "nfs_name_resolution", {"device": "my.another.great.nfs.org", "detail": "Temporary failure in name resolution"}),
    ("systemd", "mount.nfs: Failed to resolve server filesrv23: Temporary failure in name resolution",
     "nfs_name_resolution", {"device": "filesrv23"}),
]
QUIET = [
    "Out of memory: Kill process 23817 (java) score 912 or sacrifice child",  # the kill is counted once
    "watchdog: soft lockup detection enabled",
    "kernel panic handler registered",
    "NMI watchdog: enabled on all CPUs, permanently consumes one hw-PMU counter.",
    "EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)",
    "nf_conntrack version 0.5.0 (65536 buckets, 262144 max)",
    "RAS: Correctable Errors collector initialized.",
    "XFS (sda1): Mounting V5 Filesystem",
    "traps: nginx[1234] general protection fault ip:7f3c sp:7ffd error:0 in libc.so.6[7f3c+195000]",
    "BUG: soft lockup detector enabled",        # a soft lockup is its own kind, never an oops too
    "Booting paravirtualized kernel on KVM",
    "sd 2:0:0:0: [sdb] tag#0 Add. Sense: Unrecovered read error",   # a sense line, the error comes once
]


def load_kernel_lines(scratch, messages, program="kernel", bundle_id="b1"):
    text = "\n".join(f"Jul 10 09:40:{i:02d} node5 {program}: {m}" for i, m in enumerate(messages))
    for table in parsers.get("syslog").parse([(1, text)]):
        scratch.insert("log_lines", table, {"bundle_id": bundle_id, "source": "messages", "path": "var/log/messages"})


@pytest.fixture(scope="module")
def events_of_cases(tmp_path_factory):
    """{case index: its events}: each case's message the one kernel line of a bundle of its own,
    all in one scratch database (making one per case would cost more than classifying)."""
    from sosql.store.scratch import Scratch
    with Scratch.new(tmp_path_factory.mktemp("events") / "scratch.duckdb") as scratch:
        for index, (message, _, _) in enumerate(CASES):
            load_kernel_lines(scratch, [message], bundle_id=f"case{index}")
            events.classify(scratch, f"case{index}")
        rows = scratch.arrow("SELECT * FROM events ORDER BY bundle_id, line_no").to_pylist()
    return {index: [r for r in rows if r["bundle_id"] == f"case{index}"] for index in range(len(CASES))}


def test_catalog_is_valid():
    patterns = events.load_patterns()
    kinds = [p.kind for p in patterns]
    assert len({p.regex for p in patterns}) == len(patterns)
    assert {"kernel_panic", "soft_lockup", "hard_lockup", "hung_task", "oom_kill", "skb_under_panic"} <= set(kinds)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[1] + str(i) for i, c in enumerate(CASES)])
def test_pattern_fields(events_of_cases, index):
    _, kind, fields = CASES[index]
    rows = events_of_cases[index]
    assert [r["kind"] for r in rows] == [kind]
    assert {k: rows[0][k] for k in fields} == fields


def test_ordinary_lines_are_not_events(scratch):
    load_kernel_lines(scratch, QUIET)
    events.classify(scratch, "b1")
    assert scratch.arrow("SELECT kind, message FROM events").to_pylist() == []


def test_multipathd_lines_that_are_no_failure_are_not_events(scratch):
    """A path still left, a path back, and the lines a healthy Ubuntu host's multipathd writes
    about its bcache devices (the hotsos-openstack corpus host)."""
    load_kernel_lines(scratch, ["mpatha: remaining active paths: 1", "mpatha: remaining active paths: 10",
                              "8:16: reinstated", "mpatha: sdb - tur checker reports path is up",
                              "bcache0: HDIO_GETGEO failed with 25", "bcache0: failed to get udev uid: Invalid argument"],
                      program="multipathd")
    events.classify(scratch, "b1")
    assert scratch.arrow("SELECT kind, message FROM events").to_pylist() == []


def test_kernel_patterns_ignore_other_programs(scratch):
    load_kernel_lines(scratch, [CASES[0][0]], program="myapp")
    events.classify(scratch, "b1")
    assert scratch.arrow("SELECT * FROM events").num_rows == 0


def test_same_line_in_two_sources_is_one_event(scratch):
    load_kernel_lines(scratch, [CASES[0][0]])
    dmesg = parsers.get("dmesg").parse([(1, f"[ 5000.000000] {CASES[0][0]}")])
    for table in dmesg:
        scratch.insert("log_lines", table, {"bundle_id": "b1", "source": "dmesg", "path": "commands/dmesg"})
    events.classify(scratch, "b1")
    assert scratch.arrow("SELECT source FROM events").to_pylist() == [{"source": "messages"}]


@pytest.mark.parametrize("program, message, kind, fields", SERVICE_CASES,
                         ids=[c[2] + str(i) for i, c in enumerate(SERVICE_CASES)])
def test_service_patterns(scratch, program, message, kind, fields):
    load_kernel_lines(scratch, [message], program=program)
    events.classify(scratch, "b1")
    rows = scratch.arrow("SELECT * FROM events").to_pylist()
    assert [r["kind"] for r in rows] == [kind]
    assert {k: pytest.approx(rows[0][k]) if isinstance(v, float) else rows[0][k] for k, v in fields.items()} == fields


def test_every_pattern_line_has_a_case():
    messages = [c[0] for c in CASES] + [c[1] for c in SERVICE_CASES]
    untested = [p.regex for p in events.load_patterns() if not any(re.search(p.regex, m) for m in messages)]
    assert untested == []


def test_a_kind_has_one_severity(tmp_path):
    table = tmp_path / "patterns.tsv"
    table.write_text("oops\tcritical\tkernel\tBUG: \noops\thigh\tkernel\tOops: \n")
    with pytest.raises(SosqlError, match="another severity"):
        events.load_patterns(table)


def test_a_line_two_dialects_match_is_one_event(scratch, tmp_path):
    table = tmp_path / "patterns.tsv"
    table.write_text("oops\tcritical\tkernel\t^BUG: (?P<detail>\\S+)\noops\tcritical\tkernel\tBUG: \n")
    load_kernel_lines(scratch, ["BUG: KASAN: use-after-free"])
    events.classify(scratch, "b1", events.load_patterns(table))
    assert scratch.arrow("SELECT kind, detail FROM events").to_pylist() == [{"kind": "oops", "detail": "KASAN:"}]


def test_every_kind_is_documented():
    doc = (ROOT / "docs" / "events.md").read_text()
    assert [p.kind for p in events.load_patterns() if f"`{p.kind}`" not in doc] == []
