"""Interfaces, addresses, routes, sockets and their counters."""
from sosql.store.schema.table import BUNDLE_ID, table

TABLES = (
    table(
        "net_counters", "The kernel's network counters, one row per number: /proc/net/netstat and snmp "
        "(MIB counters since boot), sockstat (sockets and their buffer memory now), softnet_stat "
        "(per-CPU receive counters since boot), and dev (per-interface counters since it came up). One long "
        "table: the first four files come together in every bundle layout and their hundreds of fields change "
        "with the kernel version; whether dev was collected is in sources (net_dev). meminfo, vmstat, "
        "buddyinfo and netlink_sockets are tables of their own so that a rule needing one of them is "
        "reported not_evaluated, not passed, on a bundle without that file.",
        BUNDLE_ID,
        ("file", "VARCHAR", "netstat, snmp, sockstat, softnet_stat, dev, or ethtool (ethtool -S, the driver's "
         "counters)."),
        ("section", "VARCHAR", "The line's prefix ('TcpExt', 'IpExt', 'Udp', 'Tcp', 'TCP', 'sockets'), or the CPU "
         "for softnet_stat ('cpu3'), the interface for dev and ethtool ('eth0')."),
        ("name", "VARCHAR", "Field as printed (IPReversePathFilter, InErrors, mem), for softnet_stat processed, "
         "dropped, time_squeeze, received_rps or flow_limit_count, for dev rx_/tx_ and the header's name "
         "(rx_errs, rx_drop, tx_errs, tx_drop...)."),
        ("value", "DOUBLE", "The number (sockstat mem: pages; softnet_stat: converted from hexadecimal)."),
    ),
    table(
        "netlink_sockets", "/proc/net/netlink: open netlink sockets and the messages each dropped.",
        BUNDLE_ID,
        ("protocol", "BIGINT", "Netlink protocol (the Eth column): 0 route, 4 sock_diag, 9 audit, 15 uevent..."),
        ("pid", "BIGINT", "Port id: the owning process's pid for its first socket, 0 for the kernel's own."),
        ("rmem", "BIGINT", "Bytes queued for reading."),
        ("wmem", "BIGINT", "Bytes queued for writing."),
        ("drops", "BIGINT", "Messages dropped because the receive buffer was full."),
        ("inode", "BIGINT", "Socket inode (NULL on kernels that do not print it)."),
    ),
    table(
        "links", "Network interfaces, from ip link (-d, -s, -o variants).",
        BUNDLE_ID,
        ("ifindex", "INTEGER", "Interface index."),
        ("name", "VARCHAR", "Interface name, e.g. flannel.1."),
        ("peer", "VARCHAR", "What follows @ in the name (veth peer, vlan parent), where shown."),
        ("kind", "VARCHAR", "Link kind from the details line: veth, bridge, vxlan, bond, vlan, ... ; NULL for plain devices."),
        ("master", "VARCHAR", "Bridge or bond it is enslaved to."),
        ("mtu", "INTEGER", "MTU."),
        ("state", "VARCHAR", "Operational state: UP, DOWN, UNKNOWN..."),
        ("flags", "VARCHAR", "Flags between < >, e.g. BROADCAST,MULTICAST,UP,LOWER_UP."),
        ("mac", "VARCHAR", "Link-layer address."),
        ("vxlan_id", "INTEGER", "VXLAN VNI, for vxlan links."),
        ("vxlan_local", "VARCHAR", "VXLAN local address."),
        ("vxlan_dev", "VARCHAR", "VXLAN underlying device."),
        ("vxlan_port", "INTEGER", "VXLAN destination port."),
        ("details", "VARCHAR", "The detail lines (-d) as text."),
    ),
    table(
        "addresses", "IP addresses of interfaces, from ip addr (-d, -o variants).",
        BUNDLE_ID,
        ("ifindex", "INTEGER", "Interface index."),
        ("ifname", "VARCHAR", "Interface name."),
        ("family", "VARCHAR", "inet or inet6."),
        ("address", "VARCHAR", "Address without prefix length."),
        ("prefixlen", "INTEGER", "Prefix length."),
        ("scope", "VARCHAR", "global, link, host..."),
        ("broadcast", "VARCHAR", "Broadcast address, where given."),
        ("label", "VARCHAR", "Address label (alias), where given."),
    ),
    table(
        "routes", "IP routes of every routing table (ip route show table all; ip -6 ...; plain ip route: "
        "main only).",
        BUNDLE_ID,
        ("family", "VARCHAR", "inet or inet6 (from the addresses; a route naming none is inet)."),
        ("route_table", "VARCHAR", "Routing table: main, local, or a number or name."),
        ("type", "VARCHAR", "unicast, local, broadcast, multicast, unreachable, blackhole, prohibit..."),
        ("destination", "VARCHAR", "Prefix, or 'default'."),
        ("gateway", "VARCHAR", "Next hop (via), the first one of a multipath route."),
        ("dev", "VARCHAR", "Output device."),
        ("protocol", "VARCHAR", "Who installed it: kernel, boot, static, dhcp, bird..."),
        ("scope", "VARCHAR", "link, host, global (NULL: global)."),
        ("src", "VARCHAR", "Preferred source address."),
        ("metric", "BIGINT", "Metric."),
        ("route", "VARCHAR", "The route as printed."),
    ),
    table(
        "listeners", "TCP and UDP sockets waiting for connections or datagrams (ss -tulpn; sos's ss -peaonmi).",
        BUNDLE_ID,
        ("protocol", "VARCHAR", "tcp, udp or sctp."),
        ("state", "VARCHAR", "LISTEN (tcp, sctp) or UNCONN (udp)."),
        ("address", "VARCHAR", "Local address listened on: 0.0.0.0, ::, * (any), or one address."),
        ("port", "INTEGER", "Local port."),
        ("process", "VARCHAR", "The owning process's name, where ss could tell (-p, as root)."),
        ("pid", "BIGINT", "Its pid."),
    ),
    table(
        "ip_rules", "Policy routing rules (ip rule, ip -6 rule), the host's and, in sos, each network namespace's.",
        BUNDLE_ID,
        ("namespace", "VARCHAR", "Network namespace (sos's ip netns exec NS), NULL for the host's own."),
        ("family", "VARCHAR", "inet or inet6."),
        ("priority", "BIGINT", "Rule priority: lower is tried first."),
        ("src", "VARCHAR", "from: source prefix or 'all'."),
        ("dst", "VARCHAR", "to: destination prefix, where given."),
        ("iif", "VARCHAR", "Input interface matched, where given."),
        ("oif", "VARCHAR", "Output interface matched, where given."),
        ("fwmark", "VARCHAR", "Firewall mark matched (value/mask), where given."),
        ("lookup", "VARCHAR", "Routing table consulted: local, main, default, or a number or name."),
        ("action", "VARCHAR", "lookup, goto, nop, blackhole, unreachable, prohibit."),
        ("rule", "VARCHAR", "The rule as printed after its priority."),
    ),
    table(
        "bonding", "Bonded interfaces (/proc/net/bonding/*): the bond's mode and state, one row per slave.",
        BUNDLE_ID,
        ("bond", "VARCHAR", "Bond interface, e.g. bond0."),
        ("mode", "VARCHAR", "Bonding Mode, e.g. 'fault-tolerance (active-backup)', 'IEEE 802.3ad Dynamic link "
         "aggregation'."),
        ("bond_mii_status", "VARCHAR", "The bond's MII Status: up or down."),
        ("active_slave", "VARCHAR", "Currently Active Slave (active-backup), NULL otherwise."),
        ("slave", "VARCHAR", "Slave interface, NULL for a bond without slaves."),
        ("slave_mii_status", "VARCHAR", "The slave's MII Status: up, down, going back..."),
        ("speed_mbps", "BIGINT", "The slave's speed in Mb/s, NULL when Unknown."),
        ("duplex", "VARCHAR", "full, half, Unknown."),
        ("link_failure_count", "BIGINT", "How often the slave's link went down since the bond came up."),
        ("hw_addr", "VARCHAR", "The slave's permanent MAC address."),
        ("aggregator_id", "BIGINT", "802.3ad aggregator the slave is in (slaves of a working LACP bond share one)."),
    ),
)
