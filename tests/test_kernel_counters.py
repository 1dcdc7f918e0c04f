"""Kernel counters (/proc/meminfo, vmstat, buddyinfo, /proc/net/*): the parsers' rows; on the real hosts,
the counters loaded and the memory and network rules on them silent. The rules' cases are beside them
(`<rule>.cases.toml`)."""
from sosql import parsers

from conftest import fixture_text

NEW_RULES = ("hugepages_take_most_memory", "swap_on_kubernetes_node", "memory_fragmented", "netlink_socket_drops",
             "rp_filter_drops", "socket_memory_pressure", "udp_receive_errors", "softnet_backlog_drops")


def rows(parser, text):
    return [tuple(r.values()) for r in parsers.get(parser).parse(text).to_pylist()]


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


# -- real data -------------------------------------------------------------------------

def test_real_hosts_give_counters_and_no_serious_finding(corpus_store):
    counted = [corpus_store.execute(f"SELECT count(DISTINCT bundle_id) FROM {t}").fetchone()[0]
               for t in ("meminfo", "vmstat", "buddyinfo", "net_counters", "netlink_sockets")]
    assert counted == [2, 2, 2, 1, 0]       # net_counters: the ethtool -S of the insights archive
    assert corpus_store.execute("SELECT rule_id FROM findings WHERE list_contains(?, rule_id)",
                                [list(NEW_RULES)]).fetchall() == []
    runs = corpus_store.execute("SELECT rule_id, list(status ORDER BY b.path) FROM rule_runs JOIN bundles b "
                                "USING (bundle_id) WHERE rule_id IN ('memory_fragmented', 'netlink_socket_drops') "
                                "GROUP BY ALL ORDER BY 1").fetchall()
    assert runs == [("memory_fragmented", ["not_evaluated", "passed", "passed"]),     # insights: no buddyinfo
                    ("netlink_socket_drops", ["not_evaluated"] * 3)]
