"""Rules on the node's state: full filesystems, failed units, kubelet refusing swap, no default route.
Each fires on its sample node (test_rules_knowledge.py) and has its cases beside it
(`<rule>.cases.toml`); here, silence on the real healthy hosts."""
NODE_RULES = ("filesystem_nearly_full", "node_service_failed", "kubelet_refuses_swap", "no_default_route")


def test_silent_on_the_real_healthy_hosts(corpus_store):
    """The corpus hosts have snaps mounted at 100 % (read-only images), no failed unit and a default route."""
    rules = list(NODE_RULES)
    assert corpus_store.execute("SELECT rule_id FROM findings WHERE list_contains(?, rule_id)", [rules]).fetchall() == []
    runs = corpus_store.execute("SELECT rule_id, list(status ORDER BY b.path) FROM rule_runs JOIN bundles b "
                                "USING (bundle_id) WHERE list_contains(?, rule_id) GROUP BY ALL ORDER BY 1",
                                [rules]).fetchall()
    assert runs == [("filesystem_nearly_full", ["passed"] * 3), ("kubelet_refuses_swap", ["not_evaluated"] * 3),
                    ("no_default_route", ["passed"] * 3),
                    ("node_service_failed", ["not_evaluated", "passed", "passed"])]   # insights: no list-units
