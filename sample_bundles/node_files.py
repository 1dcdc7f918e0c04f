"""Files of the sample nodes for the rules over kernel state and configuration: memory,
network counters, boot parameters, sysctl files, sos's own log. Values are this fleet's,
in the kernel's and the tools' own formats.

master1 swaps on a Kubernetes node and node6 gives most of its memory to huge pages; node5
is fragmented and compacting; master2 has a netlink socket dropping and a UDP receiver
overrun; node6 drops packets by rp_filter; big1, an AMD EPYC host booted without
iommu=pt, runs out of TCP memory and its softirqs drop packets; node7's sysctl files ask
for forwarding that is off; node1 panicked without kdump (node2 has it: the negative);
harbortest's sos run timed out in its networking plugin. storage1's disk that logs medium
errors also fails SMART, its bcache runs writethrough; node4's rsyslog reads its own
syslog through imfile; node3, an Open vSwitch host, drops over-MTU frames.

node2 also has swap turned on under a kubelet that refuses it (failSwapOn), so its kubelet
unit failed; node7's /var/lib/docker is nearly full and master2's etcd volume is out of
inodes; node4 lost its default route.
"""

MEMINFO = """MemTotal:       {total} kB
MemFree:         {free} kB
MemAvailable:    {available} kB
Cached:           6120884 kB
SwapTotal:        {swap_total} kB
SwapFree:         {swap_free} kB
HugePages_Total:      {huge}
HugePages_Free:        12
HugePages_Rsvd:         0
HugePages_Surp:         0
Hugepagesize:     1048576 kB
Hugetlb:        {hugetlb} kB
"""
SWAPPING = MEMINFO.format(total=65807412, free=2048312, available=30481224, swap_total=8388604,
                          swap_free=6291452, huge=0, hugetlb=0)
HUGE_PAGES = MEMINFO.format(total=395824348, free=4873120, available=9481224, swap_total=0, swap_free=0,
                            huge=320, hugetlb=335544320)
BUDDYINFO_FRAGMENTED = """Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3
Node 0, zone    DMA32   1127    453    112     65     27      7     13      6      5     30     48
Node 0, zone   Normal  31245   9610    118      3      0      0      0      0      0      0      0
"""
VMSTAT_COMPACTING = "nr_free_pages 3718280\ncompact_stall 1038\ncompact_fail 825\ncompact_success 213\n"
NETLINK_DROPS = """sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
ffff8f0e3a6c8000 0   1          00000550 0        0        0     2        0        18779
ffff8f0e3b1d4800 0   2714       00000111 0        0        0     2        4096     42107
"""
NETLINK_PROCESS = ("root", 2714, "/usr/sbin/NetworkManager --no-daemon")
SNMP_UDP_ERRORS = """Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti
Udp: 2000000 310 48000 1990000 47990 0 10 812
"""
NETSTAT_RP_FILTER = """TcpExt: SyncookiesSent ListenOverflows ListenDrops IPReversePathFilter
TcpExt: 0 12 12 48213
IpExt: InNoRoutes InTruncatedPkts
IpExt: 0 0
"""
SOCKSTAT_TCP_FULL = "sockets: used 1786\nTCP: inuse 212 orphan 0 tw 31 alloc 240 mem 190000\nUDP: inuse 9 mem 12\n"
TCP_MEM = {"net.ipv4.tcp_mem": "92000\t122000\t184000", "net.ipv4.udp_mem": "184000\t245000\t368000",
           "net.core.netdev_max_backlog": "1000"}
SOFTNET_DROPS = ("0003c5e1 00000000 00000002 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n"
                 "01a2b3c4 000004d2 00002710 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n")
LSCPU_EPYC = """Architecture:                    x86_64
CPU(s):                          128
Thread(s) per core:              2
Socket(s):                       2
Vendor ID:                       AuthenticAMD
Model name:                      AMD EPYC 7452 32-Core Processor
Virtualization:                  AMD-V
"""
CMDLINE = "BOOT_IMAGE=/vmlinuz-{kernel} root=/dev/mapper/centos-root ro {extra}rd.lvm.lv=centos/root rhgb quiet\n"
SYSCTL_D_FORWARDING = "# kubernetes needs routing between pods\nnet.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\n"
SOS_UI_LOG_TIMEOUT = " Setting up archive ...\n Plugin networking timed out\n\n Finished running plugins\n"
SOS_LOG_TIMEOUT = "2018-05-30 18:35:00,000 WARNING: [plugin:networking] command 'ip -s -d link' timed out after 300s\n"
SMART_FAILED = """=== START OF INFORMATION SECTION ===
Device Model:     ST4000NM0033-9ZM170
=== START OF READ SMART DATA SECTION ===
SMART overall-health self-assessment test result: FAILED!
ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE
  5 Reallocated_Sector_Ct   0x0033   001   001   036    Pre-fail  Always   FAILING_NOW 4095
197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       8
"""
SMART_PASSED = SMART_FAILED.replace("FAILED!", "PASSED").replace("FAILING_NOW 4095", "    -       0").replace(
    "       8\n", "       0\n")
BCACHE_WRITETHROUGH = "[writethrough] writeback writearound none\n"
RSYSLOG_LOOP = """*.*;auth,authpriv.none          -/var/log/syslog
module(load="imfile")
input(type="imfile" File="/var/log/syslog" Tag="syslog-copy:" Severity="info")
"""
OVER_MTU = ["tap7c1f0e2a-4b: dropped over-mtu packet: 8950 > 1450", "@12",
            "tap7c1f0e2a-4b: dropped over-mtu packet: 8950 > 1450"]
SWAP_IDLE = MEMINFO.format(total=131811380, free=90123456, available=120411204, swap_total=4194300,
                           swap_free=4194300, huge=0, hugetlb=0)
KUBELET_FAIL_SWAP = """apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failSwapOn: true
clusterDNS:
- 10.96.0.10
"""
DOCKER_NEARLY_FULL = ("/dev/mapper/centos-docker", "/var/lib/docker", 104806400, 93, 52428800, 8)
ETCD_OUT_OF_INODES = ("/dev/mapper/centos-etcd", "/var/lib/etcd", 20961280, 12, 1310720, 97)
