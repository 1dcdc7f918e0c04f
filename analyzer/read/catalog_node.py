"""More of the node's state for the source catalog (catalog.py adds these to its SOURCES):
block devices, multipath and iSCSI, unit files and unit properties, policy routing, bonds,
driver counters, the firewalls of network namespaces, container runtimes, CNI and sar history.

Plain dicts of Source fields, so that this module needs nothing from catalog.py. The sos paths
are those of sos 4.x (older names after newer); sos 4.3 moved the per-namespace commands into
sos_commands/networking/namespaces/NS/, 4.2 kept them flat as ip_netns_exec_NS_*.
"""

NET = "sos_commands/networking/"
NETNS = (NET + "namespaces/*/ip_netns_exec_*_", NET + "ip_netns_exec_*_")
# The units whose properties our collector asks systemctl for (systemctl show).
SHOWN_UNITS = ("kubelet.service", "docker.service", "containerd.service", "etcd.service", "crio.service")
# sysstat writes its text reports as sarDD (sos converts the binary saDD it lacks one for).
SAR_FILES = ("var/log/sa/sar[0-9]*", "var/log/sysstat/sar[0-9]*")

SOURCES = (
    # -- storage
    dict(name="lsblk", parser="lsblk", sosql=("commands/lsblk_-b_-P_-o_*", "commands/lsblk"),
         sos=("sos_commands/block/lsblk_-O_-P", "sos_commands/block/lsblk"),
         insights=("insights_commands/lsblk_-P_-o_*", "insights_commands/lsblk")),
    dict(name="partitions", parser="partitions", sosql=("files/proc/partitions",), sos=("proc/partitions",),
         insights=("proc/partitions",)),
    dict(name="multipath", parser="multipath", sosql=("commands/multipath_-ll",),
         sos=("sos_commands/multipath/multipath_-ll", "sos_commands/multipath/multipath_-v4_-ll"),
         insights=("insights_commands/multipath_-v4_-ll",)),
    dict(name="iscsi_sessions", parser="iscsi_sessions", sosql=("commands/iscsiadm_-m_session_-P_3", "commands/iscsiadm_-m_session"),
         sos=("sos_commands/iscsi/iscsiadm_-m_session_-P_3", "sos_commands/iscsi/iscsiadm_-m_session")),
    # -- services
    dict(name="unit_files", parser="unit_files", sosql=("commands/systemctl_list-unit-files_--no-pager",),
         sos=("sos_commands/systemd/systemctl_list-unit-files",),
         insights=("insights_commands/systemctl_list-unit-files",)),
    dict(name="unit_properties", parser="unit_properties", sosql=("commands/systemctl_show_*",),
         sos=("sos_commands/systemd/systemctl_show_service_--all",),
         insights=("insights_commands/systemctl_show_*",), many=True),
    # -- network
    dict(name="ip_rules", parser="ip_rule", sosql=("commands/ip_rule", "commands/ip_-6_rule"),
         sos=(NET + "ip_-4_rule_list", NET + "ip_-6_rule_list", NET + "ip_-4_rule", NET + "ip_-6_rule"),
         many=True),
    dict(name="netns_ip_rules", parser="ip_rule",
         sos=(NETNS[0] + "ip_-4_rule_list", NETNS[0] + "ip_-6_rule_list", NETNS[1] + "ip_rule_list"), many=True),
    dict(name="bonding", parser="bonding", sosql=("files/proc/net/bonding/*",), sos=("proc/net/bonding/*",),
         insights=("proc/net/bonding/*",), many=True),
    dict(name="ethtool_stats", parser="ethtool_stats", sosql=("commands/ethtool_-S_*",),
         sos=(NET + "ethtool_-S_*",), insights=("insights_commands/ethtool_-S_*",), many=True),
    dict(name="netns_iptables", parser="netns_iptables", sosql=("commands/ip_netns_exec_*_ip*tables-save",),
         sos=tuple(prefix + name for prefix in NETNS for name in ("iptables-save", "ip6tables-save")), many=True),
    # -- containers and Kubernetes
    dict(name="podman_info", parser="container_runtime", sosql=("commands/podman_info_--format_json",
                                                                 "commands/podman_info"),
         sos=("sos_commands/podman/podman_info",), insights=("insights_commands/podman_info",)),
    dict(name="crictl_info", parser="container_runtime", sosql=("commands/crictl_info",),
         sos=("sos_commands/crio/crictl_info", "sos_commands/containerd/crictl_info",
              "sos_commands/kubernetes/crictl_info")),
    dict(name="cni_configs", parser="cni_config", sosql=("files/etc/cni/net.d/*",), sos=("etc/cni/net.d/*",),
         insights=("etc/cni/net.d/*",), many=True),
    # -- history
    dict(name="sar", parser="sar", sosql=tuple("files/" + p for p in SAR_FILES),
         sos=("sos_commands/sar/sar[0-9]*",) + SAR_FILES, many=True),
)
