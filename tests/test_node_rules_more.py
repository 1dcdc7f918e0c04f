"""memory_pressure and interface_errors_rising: each fires on its sample node
(test_rules_knowledge.py) and has its cases beside it (`<rule>.cases.toml`); here, silence on the
real trees."""



def test_silent_on_the_real_trees(corpus_store):
    runs = corpus_store.execute("SELECT rule_id, list(status ORDER BY status) FROM rule_runs WHERE rule_id IN "
                                "('memory_pressure', 'interface_errors_rising') GROUP BY rule_id ORDER BY rule_id").fetchall()
    # none of them has /proc/pressure or sar files: never clean, never fired
    assert runs == [("interface_errors_rising", ["not_evaluated"] * 3), ("memory_pressure", ["not_evaluated"] * 3)]
