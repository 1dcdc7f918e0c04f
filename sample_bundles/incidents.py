"""Incident lines of the storage and kernel-trace rules (the field problems canonical/hotsos
also raises), kept apart from fleet.py's field notes. The wording is the kernel's and the
tools' own; devices, hosts and addresses are this fleet's.

storage1, a SAN-attached storage node, gets a failing disk, failed multipath paths, an FC
port left in target mode and NFS trouble; web7 gets hung tasks behind an antivirus's
fanotify listener, a stack dumped by a module and, in a kern.log written in dmesg's format
(no syslog head: only the format-by-line reading of the syslog parser sees it), the bcache
registration deadlock.
"""

DISK_MEDIUM = [
    "sd 1:0:0:0: [sdb] tag#6 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE",
    "sd 1:0:0:0: [sdb] tag#6 Sense Key : Medium Error [current]",
    "sd 1:0:0:0: [sdb] tag#6 Add. Sense: Unrecovered read error",
    "print_req_error: critical medium error, dev sdb, sector 8724376",
    "@40",
    "blk_update_request: critical medium error, dev sdb, sector 8724384",
]
QLA_TARGET_MODE = [
    "qla2xxx [0000:04:00.0]-0122:1: skipping scsi_scan_host() for non-initiator port",
    "@2",
    "qla2xxx [0000:04:00.1]-0122:10: skipping scsi_scan_host() for non-initiator port",
]
MULTIPATH_KERNEL = ["device-mapper: multipath: Failing path 8:16.", "@1",
                    "device-mapper: multipath: Failing path 8:32."]
MULTIPATH_DAEMON = ["sdb: mark as failed", "mpatha: remaining active paths: 1", "@1",
                    "checker failed path 8:32 in map mpatha", "mpatha: remaining active paths: 0"]
NFS_MOUNT = ["mount.nfs: Failed to resolve server filesrv23.example.lan: Name or service not known"]
NFS_OUTAGE = ["nfs: server filesrv01 not responding, still trying", "@95", "nfs: server filesrv01 OK"]

FANOTIFY_HANG = [
    "INFO: task controller:1428 blocked for more than 120 seconds.",
    "      Not tainted 4.15.0-112-generic #113-Ubuntu",
    '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
    "controller      D    0  1428   1333 0x10000000",
    "Call Trace:",
    " __schedule+0x24e/0x880",
    " schedule+0x2c/0x80",
    " fanotify_handle_event+0x1b6/0x2f0",
    " ? wait_woken+0x80/0x80",
    " fsnotify+0x2ba/0x4b0",
    " security_file_open+0x91/0xa0",
    " do_dentry_open+0x112/0x320",
    " vfs_open+0x4f/0x80",
    " path_openat+0x66e/0x1770",
    " do_filp_open+0x9b/0x110",
    " do_sys_open+0x1bb/0x2c0",
    " SyS_openat+0x14/0x20",
    " do_syscall_64+0x73/0x130",
    " entry_SYSCALL_64_after_hwframe+0x3d/0xa2",
]
MODULE_TRACE = [
    "mydrv: loading out-of-tree module taints kernel.",
    "CPU: 1 PID: 4465 Comm: insmod Tainted: P           OE    4.15.0-112-generic #113-Ubuntu",
    "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1ubuntu1 04/01/2014",
    "Call Trace:",
    " dump_stack+0x6d/0x8b",
    " mydrv_probe+0x3c/0x60 [mydrv]",
    " do_one_initcall+0x52/0x19f",
    " do_init_module+0x5f/0x206",
    " load_module+0x1a5e/0x2150",
    " SYSC_finit_module+0xfc/0x120",
    " SyS_finit_module+0xe/0x10",
    " do_syscall_64+0x73/0x130",
    " entry_SYSCALL_64_after_hwframe+0x3d/0xa2",
    "RIP: 0033:0x7fab36d717a9",
    "mydrv: probe of 0000:00:05.0 failed with error -22",
]
BCACHE_HANG = [
    "INFO: task bcache-register:2330 blocked for more than 120 seconds.",
    "      Not tainted 4.15.0-112-generic #113-Ubuntu",
    '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
    "bcache-register D    0  2330   2328 0x00000320",
    "Call Trace:",
    " __schedule+0x24e/0x890",
    " schedule+0x2c/0x80",
    " closure_sync+0x18/0x90 [bcache]",
    " bch_journal+0x123/0x380 [bcache]",
    " bch_journal_meta+0x47/0x70 [bcache]",
    " bch_btree_set_root+0x1c2/0x1f0 [bcache]",
    " btree_split+0x69a/0x700 [bcache]",
    " bch_btree_insert_node+0x340/0x410 [bcache]",
    " btree_insert_fn+0x24/0x40 [bcache]",
    " bch_btree_map_nodes_recurse+0x54/0x190 [bcache]",
    " __bch_btree_map_nodes+0xf0/0x150 [bcache]",
    " bch_btree_insert+0xf9/0x170 [bcache]",
    " bch_journal_replay+0x220/0x2f0 [bcache]",
    " run_cache_set+0x5c6/0x970 [bcache]",
    " register_bcache+0xd04/0x1110 [bcache]",
    " kobj_attr_store+0x12/0x20",
    " sysfs_kf_write+0x3c/0x50",
    " kernfs_fop_write+0x125/0x1a0",
    " __vfs_write+0x1b/0x40",
    " vfs_write+0xb1/0x1a0",
    " SyS_write+0x5c/0xe0",
    " do_syscall_64+0x73/0x130",
    " entry_SYSCALL_64_after_hwframe+0x41/0xa6",
    "RIP: 0033:0x7efdb30af104",
]


def dmesg_format(lines, uptime_s, step_s=0.000137):
    """Lines as a kern.log that dmesg or a console wrote: printk stamps, no syslog head."""
    return "".join(f"[{uptime_s + i * step_s:12.6f}] {line}\n" for i, line in enumerate(lines))


# web7 booted 300 h before its collection (2020-08-03 09:00): this is 2020-07-22 06:34.
WEB7_KERN_LOG = dmesg_format(BCACHE_HANG, 34472.795102)
