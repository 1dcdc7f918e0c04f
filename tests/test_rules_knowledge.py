"""The sample fleet's rules fire where its incidents are and nowhere else; statuses, lookups, exit codes.
(Each rule's own test data is its cases file: tests/test_rule_cases.py.)"""
import pytest

from sosql.rules import checks
from sosql.store import schema

from conftest import sosql
from helpers import EXPECTED_FINDINGS, FLEET_FINDINGS

RULE_HOSTS = {}
for host, rule_ids in EXPECTED_FINDINGS.items():
    for rule_id in rule_ids:
        RULE_HOSTS.setdefault(rule_id, set()).add(host)
RULES = {r.id: r for r in checks.discover()[0]}


def test_the_other_rules_are_silent_on_the_sample_fleet(sample_store):
    fired = {r[0] for r in sample_store.execute("SELECT DISTINCT rule_id FROM findings").fetchall()}
    assert fired <= set(RULE_HOSTS) | FLEET_FINDINGS, "a rule fires on the samples: add it to EXPECTED_FINDINGS"


@pytest.mark.parametrize("rule_id", sorted(RULE_HOSTS))
def test_rule_fires_on_its_sample_and_is_silent_on_the_others(sample_store, rule_id):
    fired = {r["hostname"] for r in sample_store.arrow(
        "SELECT hostname FROM findings JOIN hosts USING (bundle_id) WHERE rule_id = ?", [rule_id]).to_pylist()}
    assert fired == RULE_HOSTS[rule_id]
    silent = set(EXPECTED_FINDINGS) - fired
    assert silent, "a rule needs a sample where it must not fire"
    (row,) = sample_store.execute("SELECT count(*) FILTER (status = 'fired'), count(*) FROM rule_runs "
                                  "WHERE rule_id = ?", [rule_id]).fetchall()
    assert row == (len(fired), len(EXPECTED_FINDINGS))


@pytest.mark.parametrize("rule_id", sorted(FLEET_FINDINGS))
def test_fleet_rules_fire_once_on_the_sample_fleet(sample_store, rule_id):
    (row,) = sample_store.arrow("SELECT evidence FROM findings WHERE rule_id = ? AND bundle_id IS NULL",
                                [rule_id]).to_pylist()
    assert row["evidence"]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_conformance(rule_id):
    rule = RULES[rule_id]
    assert rule.title and rule.description and rule.remediation and rule.references and rule.tags
    assert set(rule.requires) <= set(schema.BY_NAME), rule.requires
    assert "requires:" not in rule.path.read_text(), "shipped rules derive what they require from their SQL"
    assert rule.scope == ("fleet" if rule.path.parent.name == "fleet" else "host")


def test_rules_without_their_data_are_not_evaluated(sample_store):
    status = {(r["hostname"], r["rule_id"]): r["status"] for r in sample_store.arrow(
        "SELECT hostname, rule_id, status FROM rule_runs JOIN hosts USING (bundle_id)").to_pylist()}
    # the sos report has no iptables-save: that rule cannot say it is clean
    assert status[("harbortest", "docker_isolation_stale_drop")] == "not_evaluated"
    assert status[("node3", "docker_isolation_stale_drop")] == "passed"
    # docker info is optional to overlay2_unsupported: a containerd node has none, its logs tell
    assert status[("harbortest", "overlay2_unsupported")] == status[("web7", "overlay2_unsupported")] == "passed"


def test_users_extend_the_known_bad_kernel_list(tmp_path, sample_store_copy):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "known_bad_kernels.csv").write_text("pattern,reason,reference\n3.10.0-957*,our own finding,INC-42\n")
    db = sample_store_copy
    assert sosql("check", "--db", db, "--rules", folder).returncode == 0
    hosts = sosql("query", "SELECT hostname FROM findings JOIN hosts USING (bundle_id) WHERE rule_id = "
                  "'known_bad_kernel' ORDER BY 1", "--db", db, "--format", "csv").stdout.split()
    assert hosts == ["hostname", "big1", "node1", "node2"]


def test_fail_on_exit_codes(sample_store_copy):
    """--fail-on counts the findings of the rules that ran: big1's many iptables rules are a medium one."""
    db, only = sample_store_copy, ("--only", "iptables_too_many_rules")
    assert sosql("check", "--db", db, *only, "--fail-on", "high").returncode == 0
    result = sosql("check", "--db", db, *only, "--fail-on", "medium", "--format", "json")
    assert result.returncode == 3 and '"rule_id":"iptables_too_many_rules"' in result.stdout
    assert sosql("check", "--db", db, "--only", "kernel_panic", "--fail-on", "critical").returncode == 3
    assert sosql("check", "--db", db, "--fail-on", "urgent").returncode == 2


def test_only_and_skip(sample_store_copy):
    db = sample_store_copy
    out = sosql("check", "--db", db, "--only", "kernel", "--skip", "known_bad_kernel", "--format", "csv").stdout
    assert "soft_lockup" in out and "known_bad_kernel" not in out and "etcd_slow_requests" not in out


def test_rules_on_the_real_healthy_hosts(corpus_store):
    """The corpus sos trees are healthy lab hosts; the findings are the true loop-device I/O error and,
    at low severity, the ceph node's kernel.pid_max running at another value than its sysctl.d files set.
    The insights archive is an old RHEL 7.3: its kernel is a known-bad build, its polkit and sudo
    have the PwnKit and Baron Samedit holes."""
    found = corpus_store.arrow("SELECT hostname, rule_id, evidence FROM findings JOIN hosts USING (bundle_id)").to_pylist()
    assert sorted((f["hostname"], f["rule_id"]) for f in found) == [
        ("compute4", "sysctl_config_drift"), ("juju-110cc2-k8stest-4", "filesystem_errors"),
        ("test.redhat.com", "known_bad_kernel"), ("test.redhat.com", "package_advisories")]
    assert "CVE-2021-4034" in [f for f in found if f["rule_id"] == "package_advisories"][0]["evidence"]
    assert "dev loop11" in [f for f in found if f["rule_id"] == "filesystem_errors"][0]["evidence"]
