"""memory_pressure and interface_errors_rising: each fires on its sample node
(test_rules_knowledge.py) and has its cases beside it (`<rule>.cases.toml`); here, silence on the
real trees."""
from sosql import load, open_store
from sosql.rules import checks

from conftest import CORPUS, requires_corpus


@requires_corpus
def test_silent_on_the_real_trees(tmp_path):
    trees = [CORPUS / t for t in ("sos/hotsos-kubernetes", "sos/hotsos-openstack", "insights/rhel7")]
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, trees, strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=["memory_pressure", "interface_errors_rising"]))
        runs = store.execute("SELECT rule_id, list(status ORDER BY status) FROM rule_runs GROUP BY rule_id "
                             "ORDER BY rule_id").fetchall()
        # none of them has /proc/pressure or sar files: never clean, never fired
        assert runs == [("interface_errors_rising", ["not_evaluated"] * 3), ("memory_pressure", ["not_evaluated"] * 3)]
