"""Rules on the node's state: full filesystems, failed units, kubelet refusing swap, no default route.
Each fires on its sample node (test_rules_knowledge.py); here, the cases around them."""
import pytest

from sosql import load, open_store
from sosql.rules import checks

from conftest import CORPUS, fixture_text, requires_corpus
from helpers import rule_evidence

NODE_RULES = ("filesystem_nearly_full", "node_service_failed", "kubelet_refuses_swap", "no_default_route")
SWAP = "MemTotal: 65807412 kB\nMemAvailable: 30481224 kB\nSwapTotal: 4194300 kB\nSwapFree: 4194300 kB\n"
KUBELET_PS = "USER PID COMMAND\nroot 1988 /usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf{flag}\n"


def test_filesystem_nearly_full_in_bytes_and_inodes(tmp_path):
    df = fixture_text("df.txt")          # / at 90 %, /var/lib/docker at 91 %, /boot at 19 %
    found = rule_evidence(tmp_path, "filesystem_nearly_full", **{"commands__df_-al": df,
                                                                  "commands__df_-ali": fixture_text("df_inodes.txt")})
    assert found == ["/ (/dev/mapper/centos-root): 90% of 50.0 GiB used, 5.1 GiB left\n"
                     "/var/lib/docker (/dev/mapper/centos-var_lib_docker): 91% of 100.0 GiB used, 10.0 GiB left\n"
                     "/var/lib/etcd (/dev/mapper/centos-var_lib_etcd): 97% of 1048576 inodes used, 41943 left"]


def test_a_full_filesystem_elsewhere_is_not_the_nodes_problem(tmp_path):
    df = fixture_text("df.txt").replace(" 90% /\n", " 89% /\n").replace("91% /var/lib/docker", "91% /srv/data")
    assert rule_evidence(tmp_path, "filesystem_nearly_full", **{"commands__df_-al": df}) == []


@pytest.mark.parametrize("units, expected", [
    (fixture_text("systemctl_units.txt"), ["docker.service: failed/failed (Docker Application Container Engine)\n"
                                           "kubelet.service: failed/failed (kubelet: The Kubernetes Node Agent)"]),
    ("  UNIT LOAD ACTIVE SUB DESCRIPTION\n● snap.kubelet.daemon.service loaded failed failed Service for snap\n",
     ["snap.kubelet.daemon.service: failed/failed (Service for snap)"]),
    ("  UNIT LOAD ACTIVE SUB DESCRIPTION\n● postfix.service loaded failed failed Postfix\n"
     "  kubelet.service loaded active running kubelet\n", []),                              # not a node service
])
def test_node_service_failed(tmp_path, units, expected):
    assert rule_evidence(tmp_path, "node_service_failed", **{"commands__systemctl_list-units_--all_--no-pager": units}) \
        == expected


YAML = "kind: KubeletConfiguration\ncgroupDriver: systemd\n"


@pytest.mark.parametrize("config, env, flag, said", [
    (YAML + "failSwapOn: true\n", None, "", "failSwapOn: true (config.yaml)"),
    (YAML, None, "", "failSwapOn not set in config.yaml: true by default"),
    (YAML + "failSwapOn: false\n", None, "", None),
    (YAML + "failSwapOn: false\n", None, " --fail-swap-on", "--fail-swap-on=true (kubelet's command line)"),  # flag wins
    (YAML, 'KUBELET_EXTRA_ARGS="--fail-swap-on=false"\n', "", None),
    (YAML + "failSwapOn: true\n", None, " --fail-swap-on=false", None),
])
def test_kubelet_refuses_swap_as_kubelet_reads_its_settings(tmp_path, config, env, flag, said):
    members = {"files__var__lib__kubelet__config.yaml": config, "files__proc__meminfo": SWAP,
               "commands__ps_auxwww": KUBELET_PS.format(flag=flag)}
    if env:
        members["files__etc__sysconfig__kubelet"] = env
    found = rule_evidence(tmp_path, "kubelet_refuses_swap", **members)
    assert found == ([f"swap on: 4.00 GiB, 0.00 GiB used\nkubelet refuses swap: {said}"] if said else [])


def test_without_config_yaml_or_the_flag_nothing_is_said(tmp_path):
    members = {"files__proc__meminfo": SWAP, "commands__ps_auxwww": KUBELET_PS.format(flag=" --config=/etc/k.yaml")}
    assert rule_evidence(tmp_path, "kubelet_refuses_swap", **members) == []
    members["commands__ps_auxwww"] = KUBELET_PS.format(flag=" --fail-swap-on=true")
    assert rule_evidence(tmp_path / "2", "kubelet_refuses_swap", **members) == [
        "swap on: 4.00 GiB, 0.00 GiB used\nkubelet refuses swap: --fail-swap-on=true (kubelet's command line)"]


def test_no_swap_no_finding(tmp_path):
    members = {"files__var__lib__kubelet__config.yaml": YAML, "files__proc__meminfo": SWAP.replace("4194300", "0")}
    assert rule_evidence(tmp_path, "kubelet_refuses_swap", **members) == []


@pytest.mark.parametrize("routes, fires", [
    (fixture_text("ip_route.txt"), False),
    ("10.6.0.0/16 dev ens3 proto kernel scope link src 10.6.3.201\n"
     "default via 10.100.0.1 dev fg-1 table 200 proto static\n", True),          # only another table's default
    ("unreachable default dev lo proto kernel metric 4294967295\n10.6.0.0/16 dev ens3 scope link\n", True),
])
def test_no_default_route(tmp_path, routes, fires):
    found = rule_evidence(tmp_path, "no_default_route", commands__ip_route_show_table_all=routes)
    assert len(found) == fires
    assert not fires or found[0].startswith("no default route in the main table; its routes:\n")


@requires_corpus
def test_silent_on_the_real_healthy_hosts(tmp_path):
    """The corpus hosts have snaps mounted at 100 % (read-only images), no failed unit and a default route."""
    trees = [CORPUS / "sos" / "hotsos-kubernetes", CORPUS / "sos" / "hotsos-openstack", CORPUS / "insights" / "rhel7"]
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, trees)
        checks.run(store, checks.select(checks.discover()[0], only=list(NODE_RULES)))
        assert store.execute("SELECT rule_id FROM findings").fetchall() == []
        runs = store.execute("SELECT rule_id, list(status ORDER BY b.path) FROM rule_runs JOIN bundles b "
                             "USING (bundle_id) GROUP BY ALL ORDER BY 1").fetchall()
        assert runs == [("filesystem_nearly_full", ["passed"] * 3), ("kubelet_refuses_swap", ["not_evaluated"] * 3),
                        ("no_default_route", ["passed"] * 3),
                        ("node_service_failed", ["not_evaluated", "passed", "passed"])]   # insights: no list-units
