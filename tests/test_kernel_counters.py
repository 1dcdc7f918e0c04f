"""Kernel counters (/proc/meminfo, vmstat, buddyinfo, /proc/net/*) and the memory and network rules on them."""
import pytest

from sosql import load, open_store, parsers
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import CORPUS, fixture_text, requires_corpus

KUBELET_PS = fixture_text("ps.txt")
TCP_MEM = "net.ipv4.tcp_mem = 92000\t122000\t184000\nnet.ipv4.udp_mem = 184000\t245000\t368000\n"
NEW_RULES = ("hugepages_take_most_memory", "swap_on_kubernetes_node", "memory_fragmented", "netlink_socket_drops",
             "rp_filter_drops", "socket_memory_pressure", "udp_receive_errors", "softnet_backlog_drops")


def rows(parser, text):
    return [tuple(r.values()) for r in parsers.get(parser).parse(text).to_pylist()]


def findings(tmp_path, rule, sysctl="", ps=None, messages="", **proc):
    """Evidence of `rule` on a bundle of ours with files/proc/<name> (net__x: files/proc/net/x)."""
    extra = {f"files/proc/{k.replace('__', '/')}": v for k, v in proc.items()}
    if ps is not None:
        extra["commands/ps_auxwww"] = ps
    bundle = write_dir(tmp_path / "b", native_files(sysctl=sysctl, messages=messages, extra=extra))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=[rule]))
        return [r[0] for r in store.execute("SELECT evidence FROM findings").fetchall()]


# -- parsers -------------------------------------------------------------------------

def test_meminfo_values_as_printed():
    got = dict(rows("meminfo", fixture_text("meminfo.txt")))
    assert got["MemTotal"] == 395824348 and got["HugePages_Total"] == 320 and got["Hugepagesize"] == 1048576
    assert got["Active(anon)"] == 18720040 and len(got) == 27


def test_vmstat_and_buddyinfo():
    assert ("compact_fail", 825) in rows("vmstat", fixture_text("vmstat.txt"))
    buddy = rows("buddyinfo", fixture_text("buddyinfo.txt"))
    assert len(buddy) == 4 * 11
    assert [free for node, zone, _, free in buddy if (node, zone) == (0, "Normal")] == [31245, 9610, 118, 3] + [0] * 7
    assert (1, "Normal", 10, 1) in buddy


def test_netstat_and_snmp_pair_names_with_values():
    netstat = rows("netstat", fixture_text("netstat.txt"))
    assert ("netstat", "TcpExt", "IPReversePathFilter", 48213) in netstat
    assert ("netstat", "IpExt", "InOctets", 91823301122) in netstat
    snmp = rows("snmp", fixture_text("snmp.txt"))
    assert ("snmp", "Tcp", "MaxConn", -1) in snmp and ("snmp", "Udp", "RcvbufErrors", 47990) in snmp
    assert ("snmp", "UdpLite", "InErrors", 0) in snmp
    assert rows("snmp", "Udp: InDatagrams InErrors\nIp: 1 2\nUdp: 5\n") == []        # unpaired lines: nothing


def test_sockstat_and_softnet():
    sockstat = rows("sockstat", fixture_text("sockstat.txt"))
    assert ("sockstat", "TCP", "mem", 190000) in sockstat and ("sockstat", "sockets", "used", 1786) in sockstat
    softnet = rows("softnet_stat", fixture_text("softnet_stat.txt"))
    assert ("softnet_stat", "cpu1", "dropped", 1234) in softnet and ("softnet_stat", "cpu1", "time_squeeze", 10000) in softnet
    newer = "00000010 00000001 00000000" + " 00000000" * 9 + " 00000007\n"          # 13 columns: the CPU's number
    assert ("softnet_stat", "cpu7", "dropped", 1) in rows("softnet_stat", newer)


def test_netlink_columns_found_by_the_header():
    assert rows("netlink", fixture_text("netlink.txt"))[1] == (0, 2714, 0, 0, 4096, 42107)
    old = ("sk       Eth Pid    Groups   Rmem     Wmem     Dump     Locks     Drops\n"       # no Inode column
           "f7a1 0   812    00000001 0 0 00000000 2 9\n")
    assert rows("netlink", old) == [(0, 812, 0, 0, 9, None)]


# -- memory rules ----------------------------------------------------------------------

MEMINFO = fixture_text("meminfo.txt")
HEALTHY = "MemTotal: 395824348 kB\nMemAvailable: 300000000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n"


@pytest.mark.parametrize("meminfo, fires", [
    (MEMINFO, True),
    (MEMINFO.replace("MemAvailable:     9481224", "MemAvailable:    19000000"), False),      # 4.8 % left: fine
    (MEMINFO.replace("HugePages_Total:      320", "HugePages_Total:      160").replace(
        "Hugetlb:        335544320", "Hugetlb:        167772160"), False),                  # 42 %: not most
    (HEALTHY, False),
])
def test_hugepages_take_most_memory(tmp_path, meminfo, fires):
    found = findings(tmp_path, "hugepages_take_most_memory", meminfo=meminfo)
    assert found == (["huge pages hold 320.0 GiB of 377.5 GiB (85%): 320 pages of 1048576 kB, 12 of them free; "
                      "MemAvailable 9.0 GiB (2.4%)"] if fires else [])


@pytest.mark.parametrize("meminfo, ps, fires", [
    (MEMINFO, KUBELET_PS, True),
    (MEMINFO, "USER PID COMMAND\nroot 1 /sbin/init\n", False),                            # no kubelet
    (MEMINFO.replace("SwapFree:         6291452", "SwapFree:         8388604"), KUBELET_PS, False),   # none used
    (HEALTHY, KUBELET_PS, False),                                                            # no swap
])
def test_swap_on_kubernetes_node(tmp_path, meminfo, ps, fires):
    found = findings(tmp_path, "swap_on_kubernetes_node", ps=ps, meminfo=meminfo)
    assert len(found) == fires
    assert not fires or found[0].startswith("swap in use: 2.00 GiB of 8.00 GiB\nkubelet running: /usr/bin/kubelet")


def test_kubelet_known_by_its_log_lines(tmp_path):
    log = "Jul 10 09:40:13 n kubelet[1988]: I0710 09:40:13.1 kubelet.go:1 SyncLoop\n"
    assert findings(tmp_path, "swap_on_kubernetes_node", messages=log, meminfo=MEMINFO) == [
        "swap in use: 2.00 GiB of 8.00 GiB\nkubelet log lines: 1"]


@pytest.mark.parametrize("buddyinfo, vmstat, fires", [
    (fixture_text("buddyinfo.txt"), fixture_text("vmstat.txt"), True),
    (fixture_text("buddyinfo.txt"), "compact_stall 0\ncompact_fail 0\n", False),               # no compaction trouble
    (fixture_text("buddyinfo.txt").replace("3      0      0", "3      1      0"), fixture_text("vmstat.txt"), False),
    # a node with no Normal zone is judged by its DMA32 zone
    ("Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3\n"
     "Node 0, zone    DMA32   8812   2011     14      2      0      0      0      0      0      0      0\n",
     fixture_text("vmstat.txt"), True),
])
def test_memory_fragmented(tmp_path, buddyinfo, vmstat, fires):
    found = findings(tmp_path, "memory_fragmented", buddyinfo=buddyinfo, vmstat=vmstat)
    assert len(found) == fires
    assert not fires or found[0].endswith("compaction since boot: 1038 stalls, 825 failed, 213 succeeded")


# -- network rules ---------------------------------------------------------------------

NETLINK = fixture_text("netlink.txt")


@pytest.mark.parametrize("ps, expected", [
    (KUBELET_PS.replace("root      1988 ", "root      2714 "),
     "netlink socket of pid 2714 (kubelet), protocol 0, inode 42107: 4096 messages dropped"),
    (None, "netlink socket of pid 2714, protocol 0, inode 42107: 4096 messages dropped"),   # no ps: no name
])
def test_netlink_socket_drops_name_the_process(tmp_path, ps, expected):
    assert findings(tmp_path, "netlink_socket_drops", ps=ps, net__netlink=NETLINK) == [expected]


def test_no_netlink_finding_without_drops(tmp_path):
    assert findings(tmp_path, "netlink_socket_drops", net__netlink=NETLINK.replace("4096", "0   ")) == []


def test_rp_filter_drops_with_the_strict_interfaces(tmp_path):
    sysctl = "net.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.eth1.rp_filter = 2\nnet.ipv4.conf.lo.rp_filter = 0\n"
    assert findings(tmp_path, "rp_filter_drops", sysctl=sysctl, net__netstat=fixture_text("netstat.txt")) == [
        "TcpExt IPReversePathFilter: 48213 packets dropped by the reverse path filter since boot\n"
        "rp_filter set: net.ipv4.conf.all.rp_filter = 1, net.ipv4.conf.eth1.rp_filter = 2"]


def test_no_rp_filter_finding_without_drops(tmp_path):
    netstat = fixture_text("netstat.txt").replace(" 48213 ", " 0 ")
    assert findings(tmp_path, "rp_filter_drops", net__netstat=netstat) == []


@pytest.mark.parametrize("tcp_mem, expected", [
    ("92000\t122000\t184000",
     "TCP socket memory exhausted: 190000 pages in use; net.ipv4.tcp_mem pressure 122000, max 184000"),
    ("92000\t122000\t284000",
     "TCP socket memory under pressure: 190000 pages in use; net.ipv4.tcp_mem pressure 122000, max 284000"),
    ("192000\t256000\t384000", None),                                                       # below pressure
])
def test_socket_memory_pressure_says_which(tmp_path, tcp_mem, expected):
    sysctl = TCP_MEM.replace("92000\t122000\t184000", tcp_mem)
    found = findings(tmp_path, "socket_memory_pressure", sysctl=sysctl, net__sockstat=fixture_text("sockstat.txt"))
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize("udp, fires", [
    ("Udp: 2000000 310 48000 1990000 47990 0 10 812", True),                               # 2.4 %
    ("Udp: 2000000000 310 48000 1990000 47990 0 10 812", False),                           # 0.0024 %: a burst long ago
    ("Udp: 20000 310 900 1990000 900 0 0 812", False),                                     # 4.5 % but 900 errors
])
def test_udp_receive_errors(tmp_path, udp, fires):
    snmp = fixture_text("snmp.txt").replace("Udp: 2000000 310 48000 1990000 47990 0 10 812", udp)
    found = findings(tmp_path, "udp_receive_errors", net__snmp=snmp)
    assert found == (["Udp: 48000 receive errors since boot, 2.40% of 2000000 datagrams delivered "
                      "(RcvbufErrors 47990: receive buffer full; InCsumErrors 10: bad checksum)"] if fires else [])


@pytest.mark.parametrize("softnet, expected", [
    (fixture_text("softnet_stat.txt"), "cpu1: 27440068 packets processed, 1234 dropped, 10000 time_squeeze\n"
                                       "net.core.netdev_max_backlog = 1000"),
    ("000186a0 00000000 000007d0" + " 00000000" * 8 + "\n",                                # 2000 squeezes in 100000
     "cpu0: 100000 packets processed, 0 dropped, 2000 time_squeeze\nnet.core.netdev_max_backlog = 1000"),
    ("01a2b3c4 00000000 00002710" + " 00000000" * 8 + "\n", None),                         # 0.04 % squeezed
])
def test_softnet_backlog_drops(tmp_path, softnet, expected):
    found = findings(tmp_path, "softnet_backlog_drops", sysctl="net.core.netdev_max_backlog = 1000\n",
                     net__softnet_stat=softnet)
    assert found == ([expected] if expected else [])


# -- real data -------------------------------------------------------------------------

@requires_corpus
def test_real_hosts_give_counters_and_no_serious_finding(tmp_path):
    trees = [CORPUS / "sos" / "hotsos-kubernetes", CORPUS / "sos" / "hotsos-openstack", CORPUS / "insights" / "rhel7"]
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, trees)
        counted = [store.execute(f"SELECT count(DISTINCT bundle_id) FROM {t}").fetchone()[0]
                   for t in ("meminfo", "vmstat", "buddyinfo", "net_counters", "netlink_sockets")]
        assert counted == [2, 2, 2, 1, 0]       # net_counters: the ethtool -S of the insights archive
        checks.run(store, checks.select(checks.discover()[0], only=list(NEW_RULES)))
        assert store.execute("SELECT rule_id FROM findings").fetchall() == []
        runs = store.execute("SELECT rule_id, list(status ORDER BY b.path) FROM rule_runs JOIN bundles b "
                             "USING (bundle_id) WHERE rule_id IN ('memory_fragmented', 'netlink_socket_drops') "
                             "GROUP BY ALL ORDER BY 1").fetchall()
        assert runs == [("memory_fragmented", ["not_evaluated", "passed", "passed"]),     # insights: no buddyinfo
                        ("netlink_socket_drops", ["not_evaluated"] * 3)]
