"""Rules on the node's state: full filesystems, failed units, kubelet refusing swap, no default route.
Each fires on its sample node (test_rules_knowledge.py) and has its cases beside it
(`<rule>.cases.toml`); here, silence on the real healthy hosts."""
from sosql import load, open_store
from sosql.rules import checks

from conftest import CORPUS, requires_corpus

NODE_RULES = ("filesystem_nearly_full", "node_service_failed", "kubelet_refuses_swap", "no_default_route")


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
