"""The sample fleet: the nodes of a Kubernetes-on-CentOS cluster (plus a storage node, a web
node and a sos report) and their incidents: the demo that `make demo` reports on.

Each host is data: kernel, distro, collection time, sysctls that differ, and the
incident lines written into its logs among ordinary background traffic. The
incidents are the field notes' own lines (docs/knowledge.md), so the report shows
real problems; each rule's own test data is its cases file (analyzer/rules/*/*.cases.toml).
"""
import random
from datetime import datetime, timedelta

from sosql.sample_bundles import artifacts, incidents, node_files, node_history

CENTOS_71 = ('NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\n'
             'VERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n', "CentOS Linux release 7.1.1503 (Core)\n")
CENTOS_74 = (CENTOS_71[0], "CentOS Linux release 7.4.1708 (Core)\n")
CENTOS_75 = (CENTOS_71[0], "CentOS Linux release 7.5.1804 (Core)\n")
UBUNTU_1804 = ('NAME="Ubuntu"\nVERSION="18.04.4 LTS (Bionic Beaver)"\nID=ubuntu\nID_LIKE=debian\n'
               'PRETTY_NAME="Ubuntu 18.04.4 LTS"\nVERSION_ID="18.04"\n', None)

SKB_PANIC = [
    "skbuff: skb_under_panic: text:ffffffff8153ae35 len:130 put:14 head:ffff8800ba626a00 "
    "data:ffff8800ba6269ee tail:0x70 end:0xc0 dev:br0",
    "------------[ cut here ]------------",
    "kernel BUG at net/core/skbuff.c:129!",
    "invalid opcode: 0000 [#1] SMP ",
    "CPU: 1 PID: 0 Comm: swapper/1 Not tainted 3.10.0-229.7.2.el7.x86_64 #1",
    "Call Trace:",
    " <IRQ>  [<ffffffff8153b0d0>] skb_push+0x40/0x40",
    " [<ffffffff8153ae35>] ip_finish_output+0x1e5/0x7b0",
    " [<ffffffff815a1a3c>] br_dev_queue_push_xmit+0x7c/0xc0 [bridge]",
    "Kernel panic - not syncing: Fatal exception in interrupt",
]
ISCSI_LOCKUP = [
    "connection4:0: ping timeout of 5 secs expired, recv timeout 5, last rx 4809172764, "
    "last ping 4809179730, now 4809186632",
    "connection4:0: detected conn error (1022)",
    "@7",
    "NMI watchdog: BUG: soft lockup - CPU#0 stuck for 21s! [server:102065]",
    "Modules linked in: ip_vs_sh ip_vs_wrr ext4 mbcache jbd2 ipt_REJECT iscsi_tcp libiscsi_tcp "
    "libiscsi scsi_transport_iscsi br_netfilter bridge stp llc overlay(T) vmw_balloon e1000",
    "CPU: 0 PID: 102065 Comm: server Tainted: G             L ------------ T 3.10.0-693.el7.x86_64 #1",
    "Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 07/02/2015",
    "task: ffff88003d064f10 ti: ffff88013d104000 task.ti: ffff88013d104000",
    "RIP: 0033:[<0000000000419899>]  [<0000000000419899>] 0x419898",
    "RSP: 002b:000000c420033e50  EFLAGS: 00010283",
]
THP_LOCKUP = [
    "NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]",
    "CPU: 1 PID: 32 Comm: khugepaged Not tainted 3.10.0-693.21.1.el7.x86_64 #1",
    "Call Trace:",
    " [<ffffffff811e3a6e>] khugepaged+0x6ce/0x1060",
    " [<ffffffff810b098f>] kthread+0xcf/0xe0",
    "@40",
    "NMI watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [khugepaged:32]",
]
ETCD_SLOW = ['read-only range request "key:\\"/registry/events/kube-system/kube-router-4zmvf.153362921aa70f15\\" " '
             'took too long (%s) to execute' % d for d in
             ("186.374578ms", "5.248197799s", "6.475365013s", "1.728088221s", "605.249675ms")]
KUBELET_ISCSI = [
    'E0710 09:39:34.279815    1988 iscsi_util.go:209] iscsi: could not read iface default error:',
]
OOM = [
    "java invoked oom-killer: gfp_mask=0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0",
    "Out of memory: Kill process 23817 (java) score 912 or sacrifice child",
    "Killed process 23817 (java) total-vm:9875324kB, anon-rss:7689148kB, file-rss:0kB, shmem-rss:0kB",
]
HUNG = [
    "INFO: task jbd2/sda1-8:317 blocked for more than 120 seconds.",
    '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
]

GLUSTER_OOPS = [
    "BUG: unable to handle kernel NULL pointer dereference at 0000000000000008",
    "IP: [<ffffffff811f2a47>] mem_cgroup_page_lruvec+0x27/0x50",
    "Oops: 0000 [#1] SMP ",
    "CPU: 3 PID: 18311 Comm: glusterfsd Not tainted 3.10.0-693.el7.x86_64 #1",
    "Call Trace:",
    " [<ffffffff811a8d2e>] release_pages+0x14e/0x370",
    " [<ffffffff811e1b8a>] free_pages_and_swap_cache+0x9a/0xc0",
    " [<ffffffff811c9f2b>] tlb_flush_mmu_free+0x2b/0x50",
    "---[ end trace 5a7b9c0d1e2f3a4b ]---",
    "Kernel panic - not syncing: Fatal exception",
]
KMEM_LEAK = ["SLUB: Unable to allocate memory on node -1 (gfp=0x8020)",
             "  cache: kmalloc-64(5:pod8c21), object size: 64, buffer size: 64, default order: 0, min order: 0"]
KUBELET_CGROUP = ['E0710 07:00:01.120000    1988 pod_container_manager_linux.go:86] Failed to create cgroup: '
                  'mkdir /sys/fs/cgroup/memory/kubepods/burstable/pod1a2b3c4d: no space left on device',
                  "E0710 07:10:02.330000    1988 iscsi_util.go:322] iscsi: failed to rescan session with error: "
                  "iscsiadm: No session found. (exit status 21)"]
KUBELET_INOTIFY = ['E0710 06:30:00.100000    1988 raw.go:146] Failed to watch directory "/sys/fs/cgroup/memory/kubepods": '
                   'inotify_add_watch /sys/fs/cgroup/memory/kubepods/burstable: no space left on device']
DOCKER_BUSY = ['time="2018-07-10T06:40:00.000000000+08:00" level=error msg="Error removing mounted layer 8a1b: '
               'remove /var/lib/docker/overlay/8a1b/merged: device or resource busy"']
MASTER_KUBELET = ["I0710 09:12:01.100000    1988 prober.go:111] Liveness probe failed: HTTP probe failed with statuscode: 500",
                  'E0710 09:12:31.200000    1988 pod_workers.go:186] Error syncing pod kube-apiserver-master1: failed to '
                  '"StartContainer" for "kube-apiserver" with CrashLoopBackOff: "Back-off restarting failed container"']
FLANNEL_LEASE = ["E0710 08:00:00.000000    2211 main.go:349] Lease has been revoked. Shutting down daemon."]
VRRP_MASTER = ["VRRP_Instance(VI_1) Transition to MASTER STATE", "VRRP_Instance(VI_1) Entering MASTER STATE"]
DNS_REFUSED = ['level=error msg="Handler for POST /v1.27/images/create returned error: Get https://registry-1.docker.io/v2/: '
               'dial tcp: lookup registry-1.docker.io on [::1]:53: read udp [::1]:41342->[::1]:53: read: connection refused"']
WEB7_KERNEL = ["Watchdog detected hard LOCKUP on cpu 2", "@30",
               "INFO: rcu_sched self-detected stall on CPU { 2}  (t=60000 jiffies g=1234 c=1233 q=0)", "@600",
               "nf_conntrack: table full, dropping packet", "@900",
               "unregister_netdevice: waiting for eth0 to become free. Usage count = 1", "@1200",
               "EXT4-fs error (device sda1): ext4_find_entry:1456: inode #2: comm ls: reading directory lblock 0",
               "EXT4-fs (sda1): Remounting filesystem read-only", "@60",
               "mce: [Hardware Error]: Machine check events logged", "@300",
               "NETDEV WATCHDOG: enp9s0 (igb): transmit queue 0 timed out"]
CONTROLLER = ("/usr/local/bin/kube-controller-manager --kubeconfig=/etc/kubernetes/controller-manager.conf "
              "--leader-elect=true --node-monitor-grace-period={grace} --pod-eviction-timeout=30s")
KUBELET = "/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf --cluster-dns=10.96.0.10{extra}"

BASE_SYSCTLS = {
    "kernel.hostname": None, "kernel.panic": "0", "kernel.softlockup_panic": "0",
    "net.ipv4.ip_forward": "1", "net.bridge.bridge-nf-call-iptables": "1",
    "net.bridge.bridge-nf-call-ip6tables": "1", "vm.swappiness": "30",
    "fs.inotify.max_user_watches": "8192", "net.core.somaxconn": "128",
}

HOSTS = [
    dict(name="node1", kernel="3.10.0-229.7.2.el7.x86_64", build="#1 SMP Tue Jun 23 22:06:11 UTC 2015",
         distro=CENTOS_71, product="PowerEdge R730", collected="2018-07-10 10:00:00", offset="+08:00",
         uptime_h=9.5, incidents=[("2018-07-09 23:14:05", "kernel", SKB_PANIC)], fmt="sosql"),
    dict(name="node2", kernel="3.10.0-229.7.2.el7.x86_64", build="#1 SMP Tue Jun 23 22:06:11 UTC 2015",
         distro=CENTOS_71, product="PowerEdge R730", collected="2018-07-10 10:05:00", offset="+08:00",
         uptime_h=30.2, incidents=[("2018-07-09 02:51:40", "kernel", SKB_PANIC)], fmt="sosql",
         rotated=True),
    dict(name="node3", kernel="3.10.0-693.el7.x86_64", build="#1 SMP Tue Aug 22 21:09:27 UTC 2017",
         distro=CENTOS_74, product="PowerEdge R730", collected="2018-07-10 10:02:00", offset="+08:00",
         uptime_h=700, incidents=[("2018-07-10 08:14:02", "kernel", node_files.OVER_MTU)], fmt="sosql"),
    dict(name="node4", kernel="3.10.0-693.21.1.el7.x86_64", build="#1 SMP Wed Mar 7 19:03:37 UTC 2018",
         distro=CENTOS_74, product="PowerEdge R640", collected="2018-07-10 10:03:00", offset="+08:00",
         uptime_h=400, incidents=[("2018-07-10 03:12:44", "kernel", THP_LOCKUP)], fmt="sosql",
         sysctls={"net.bridge.bridge-nf-call-iptables": "0", "net.bridge.bridge-nf-call-ip6tables": "0"}),
    dict(name="node5", kernel="3.10.0-693.el7.x86_64", build="#1 SMP Tue Aug 22 21:09:27 UTC 2017",
         distro=CENTOS_74, product="VMware Virtual Platform", collected="2018-07-10 10:04:00",
         offset="+08:00", uptime_h=200,
         incidents=[("2018-07-10 09:39:34", "kubelet", KUBELET_ISCSI),
                    ("2018-07-10 09:40:06", "kernel", ISCSI_LOCKUP)], fmt="sosql"),
    dict(name="harbortest", kernel="3.10.0-862.el7.x86_64", build="#1 SMP Fri Apr 20 16:44:24 UTC 2018",
         distro=CENTOS_75, product="KVM", collected="2018-05-30 18:30:00", offset="+08:00", uptime_h=50,
         incidents=[("2018-05-30 17:38:01", "etcd", ETCD_SLOW)], fmt="sos",
         sysctls={"net.bridge.bridge-nf-call-iptables": None, "net.bridge.bridge-nf-call-ip6tables": None}),
    dict(name="web7", kernel="4.15.0-112-generic", build="#113-Ubuntu SMP Thu Jul 9 23:41:39 UTC 2020",
         distro=UBUNTU_1804, product="Standard PC (i440FX + PIIX, 1996)", collected="2020-08-03 09:00:00",
         offset="+00:00", uptime_h=300, kubernetes=False,
         incidents=[("2020-08-02 14:20:11", "kernel", OOM), ("2020-08-02 22:05:37", "kernel", HUNG),
                    ("2020-08-03 02:00:00", "kernel", WEB7_KERNEL),
                    ("2020-08-02 16:41:09", "kernel", incidents.FANOTIFY_HANG),
                    ("2020-08-02 19:03:30", "kernel", incidents.MODULE_TRACE)],
         fmt="sosql", members={"files/var/log/kern.log": incidents.WEB7_KERN_LOG}),
    dict(name="node6", kernel="3.10.0-693.el7.x86_64", build="#1 SMP Tue Aug 22 21:09:27 UTC 2017",
         distro=CENTOS_74, product="PowerEdge R730", collected="2018-07-10 10:06:00", offset="+08:00", uptime_h=90,
         incidents=[], fmt="sosql",
         members={"commands/iptables-save": artifacts.iptables_save(isolation="stale"),
                  "commands/ip_-d_link": artifacts.ip_link(
                      ["lo", "eth0", "docker0", "flannel.1", "cni0", "kube-bridge", "kube-dummy-if"], 6)}),
    dict(name="node7", kernel="3.10.0-693.el7.x86_64", build="#1 SMP Tue Aug 22 21:09:27 UTC 2017",
         distro=CENTOS_74, product="PowerEdge R730", collected="2018-07-10 10:07:00", offset="+08:00", uptime_h=150,
         incidents=[("2018-07-10 06:30:00", "kubelet", KUBELET_INOTIFY), ("2018-07-10 06:40:00", "dockerd", DOCKER_BUSY)],
         fmt="sosql", sysctls={"net.ipv4.ip_forward": "0"}),
    dict(name="master1", kernel="3.10.0-862.el7.x86_64", build="#1 SMP Fri Apr 20 16:44:24 UTC 2018",
         distro=CENTOS_75, product="KVM", collected="2018-07-10 10:08:00", offset="+08:00", uptime_h=120,
         incidents=[("2018-07-10 09:12:01", "kubelet", MASTER_KUBELET), ("2018-07-10 08:00:00", "flanneld", FLANNEL_LEASE),
                    ("2018-07-10 09:30:00", "Keepalived_vrrp", VRRP_MASTER)],
         fmt="sosql", processes=[("root", 2301, CONTROLLER.format(grace="10s")),
                                 ("root", 1988, KUBELET.format(extra=" --hostname-override=k8s-master-1"))]),
    dict(name="master2", kernel="3.10.0-862.el7.x86_64", build="#1 SMP Fri Apr 20 16:44:24 UTC 2018",
         distro=CENTOS_75, product="KVM", collected="2018-07-10 10:09:00", offset="+08:00", uptime_h=121,
         incidents=[("2018-07-10 09:31:00", "Keepalived_vrrp", VRRP_MASTER), ("2018-07-10 09:35:00", "dockerd", DNS_REFUSED)],
         fmt="sosql", processes=[("root", 2302, CONTROLLER.format(grace="40s")), node_files.NETLINK_PROCESS],
         members={"commands/timedatectl": artifacts.timedatectl(synchronized=False),
                  "files/etc/resolv.conf": artifacts.resolv_conf(nameservers=())}),
    dict(name="storage1", kernel="3.10.0-693.el7.x86_64", build="#1 SMP Tue Aug 22 21:09:27 UTC 2017",
         distro=CENTOS_74, product="PowerEdge R740xd", collected="2018-07-10 10:10:00", offset="+08:00", uptime_h=3,
         incidents=[("2018-07-10 05:41:12", "kernel", GLUSTER_OOPS), ("2018-07-10 08:00:00", "kernel", KMEM_LEAK),
                    ("2018-07-10 07:00:01", "kubelet", KUBELET_CGROUP),
                    ("2018-07-10 07:10:21", "kernel", incidents.QLA_TARGET_MODE),
                    ("2018-07-10 07:10:40", "mount", incidents.NFS_MOUNT),
                    ("2018-07-10 08:31:02", "kernel", incidents.DISK_MEDIUM),
                    ("2018-07-10 09:02:11", "kernel", incidents.MULTIPATH_KERNEL),
                    ("2018-07-10 09:02:11", "multipathd", incidents.MULTIPATH_DAEMON),
                    ("2018-07-10 09:20:00", "kernel", incidents.NFS_OUTAGE)],
         fmt="sosql", processes=[("root", 18311, "/usr/sbin/glusterfsd -s storage1 --volfile-id gv0.storage1.data-brick1")],
         members={"commands/docker_info": artifacts.docker_info(
                      driver="devicemapper", backing="xfs", d_type="false",
                      loop_file="/var/lib/docker/devicemapper/devicemapper/data"),
                  "commands/rpm_-qa": artifacts.rpm_qa(["glusterfs-server-3.12.9-1.el7.x86_64"])}),
    dict(name="big1", kernel="3.10.0-957.el7.x86_64", build="#1 SMP Thu Nov 8 23:39:32 UTC 2018",
         distro=CENTOS_75, product="PowerEdge R7525", collected="2018-07-10 10:11:00", offset="+08:00", uptime_h=500,
         incidents=[], fmt="sosql", members={"commands/iptables-save": artifacts.iptables_save(kube_services=1000)},
         sysctls=node_files.TCP_MEM),
]

BACKGROUND = [
    ("systemd", "Started Session {n} of user root."),
    ("systemd", "Starting Session {n} of user root."),
    ("systemd-logind", "New session {n} of user root."),
    ("CROND", "(root) CMD (/usr/lib64/sa/sa1 1 1)"),
    ("dockerd", 'time="{iso}" level=info msg="shim reaped" id={hex}'),
    ("kubelet", "I{md} {clock}.{us}    1988 kubelet_node_status.go:431] Recording NodeReady event message for node {host}"),
    ("kubelet", 'E{md} {clock}.{us}    1988 file.go:76] Unable to read manifest path "/etc/kubernetes/manifests": path does not exist, ignoring'),
    ("chronyd", "Selected source 10.0.0.{k}"),
    ("kernel", "IPv6: ADDRCONF(NETDEV_UP): veth{hex6}: link is not ready"),
    ("kernel", "br0: port {k}(veth{hex6}) entered forwarding state"),
]


# Kernel state and configuration files of some nodes (node_files.py says which and why).
STATE_FILES = {
    "master1": {"files/proc/meminfo": node_files.SWAPPING},
    "node6": {"files/proc/meminfo": node_files.HUGE_PAGES, "files/proc/net/netstat": node_files.NETSTAT_RP_FILTER},
    "node5": {"files/proc/buddyinfo": node_files.BUDDYINFO_FRAGMENTED, "files/proc/vmstat": node_files.VMSTAT_COMPACTING},
    "big1": {"files/proc/net/sockstat": node_files.SOCKSTAT_TCP_FULL, "files/proc/net/softnet_stat": node_files.SOFTNET_DROPS,
             "commands/lscpu": node_files.LSCPU_EPYC,
             "files/proc/cmdline": node_files.CMDLINE.format(kernel="3.10.0-957.el7.x86_64", extra="crashkernel=auto "),
             **node_history.BIG1},
    "storage1": {"commands/smartctl_-a_.dev.sdb": node_files.SMART_FAILED,
                 "commands/smartctl_-a_.dev.sda": node_files.SMART_PASSED,
                 "files/sys/block/bcache0/bcache/cache_mode": node_files.BCACHE_WRITETHROUGH},
    "node7": {"files/etc/sysctl.d/90-kubernetes.conf": node_files.SYSCTL_D_FORWARDING,
              "commands/df_-al": artifacts.df(artifacts.FILESYSTEMS + [node_files.DOCKER_NEARLY_FULL])},
    "master2": {"files/proc/net/netlink": node_files.NETLINK_DROPS, "files/proc/net/snmp": node_files.SNMP_UDP_ERRORS,
                "commands/df_-ali": artifacts.df(artifacts.FILESYSTEMS + [artifacts.DOCKER_FS,
                                                                          node_files.ETCD_OUT_OF_INODES], inodes=True)},
    "node4": {"files/etc/rsyslog.d/60-copy.conf": node_files.RSYSLOG_LOOP,
              "commands/ip_route_show_table_all": artifacts.routes(4, default=False)},
    "node1": {"files/proc/cmdline": node_files.CMDLINE.format(kernel="3.10.0-229.7.2.el7.x86_64", extra="")},
    "node3": node_history.NODE3,
    "node2": {"files/proc/cmdline": node_files.CMDLINE.format(kernel="3.10.0-229.7.2.el7.x86_64",
                                                              extra="crashkernel=auto "),
              "files/proc/meminfo": node_files.SWAP_IDLE, "files/var/lib/kubelet/config.yaml": node_files.KUBELET_FAIL_SWAP,
              "commands/systemctl_list-units_--all_--no-pager": artifacts.units(failed=("kubelet.service",)),
              "commands/ps_auxwww": artifacts.ps([])},
}


def baseline_members(host, index):
    """What a healthy node of the fleet shows in its command outputs; a host's own members win."""
    if not host.get("kubernetes", True):
        members = {"commands/ip_-d_link": artifacts.ip_link(["lo", "eth0"], index),
                   "files/etc/resolv.conf": artifacts.resolv_conf(), "commands/timedatectl": artifacts.timedatectl()}
    else:
        processes = [("root", 1988, KUBELET.format(extra=""))] + host.get("processes", [])
        old_kernel = host["kernel"].startswith("3.10.0-229")     # no overlay2 before 3.10.0-514
        members = {"commands/iptables-save": artifacts.iptables_save(),
                   "commands/ip_-d_link": artifacts.ip_link(["lo", "eth0", "docker0", "flannel.1", "cni0"], index),
                   "commands/ps_auxwww": artifacts.ps(processes),
                   "commands/docker_info": artifacts.docker_info(driver="devicemapper" if old_kernel else "overlay2"),
                   "files/etc/resolv.conf": artifacts.resolv_conf(), "commands/timedatectl": artifacts.timedatectl(),
                   "commands/rpm_-qa": artifacts.rpm_qa()}
    members.update(artifacts.node_state(host["name"], index, host.get("kubernetes", True)))
    members.update(host.get("members", {}))
    members.update(STATE_FILES.get(host["name"], {}))
    return members


def background(host, rng, start, end, count):
    """`count` ordinary (time, program, message) lines between start and end."""
    span = (end - start).total_seconds()
    rows = []
    for _ in range(count):
        when = start + timedelta(seconds=rng.uniform(0, span))
        program, text = rng.choice(BACKGROUND)
        if program in ("kubelet", "dockerd") and not host.get("kubernetes", True):
            program, text = BACKGROUND[0]
        rows.append((when.replace(microsecond=0), program, text.format(
            n=rng.randint(1, 9999), host=host["name"], k=rng.randint(1, 9), hex=f"{rng.getrandbits(64):016x}",
            hex6=f"{rng.getrandbits(24):06x}", iso=when.strftime("%Y-%m-%dT%H:%M:%S.%f") + host["offset"],
            md=when.strftime("%m%d"), clock=when.strftime("%H:%M:%S"), us=f"{when.microsecond:06d}")))
    return rows


def incident_lines(host):
    """The incident lines as (time, program, message), '@N' advancing the clock N seconds."""
    rows = []
    for start, program, lines in host["incidents"]:
        when = datetime.fromisoformat(start)
        for line in lines:
            if line.startswith("@"):
                when += timedelta(seconds=int(line[1:]))
                continue
            rows.append((when, program, line))
    return rows


def log_rows(host):
    """Every syslog row of the host in time order, deterministic per host name."""
    rng = random.Random(host["name"])
    end = datetime.fromisoformat(host["collected"])
    rows = background(host, rng, end - timedelta(days=2), end, 400) + incident_lines(host)
    return sorted(rows, key=lambda r: r[0])
