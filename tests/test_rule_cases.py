"""Every rule against the cases beside it (`<rule>.cases.toml`, see rule_cases.py): the bundles
of all cases are loaded into one store once, every rule runs once, and each case checks its
rule's findings on its own bundle. A fleet rule's case gets a store of its own, checked by
that rule alone."""
import pytest
from rule_cases import check, load_cases, write_bundles

from sosql import load, open_store
from sosql.rules import checks

CASES = load_cases()
PER_BUNDLE = [c for c in CASES if not c.fleet]
FLEET = [c for c in CASES if c.fleet]


def _findings(store, paths, rules):
    """{bundle path: findings of the bundle loaded from it} after a check by `rules`."""
    report = load(store, paths, strict=True)
    assert not report.failed, report.failed
    run = checks.run(store, rules)
    assert run.errors == []
    ids = dict(store.execute("SELECT path, bundle_id FROM bundles").fetchall())
    rows = store.arrow("SELECT * FROM findings").to_pylist()
    return {path: [r for r in rows if r["bundle_id"] == ids[path]] for path in ids}, rows


@pytest.fixture(scope="session")
def case_findings(tmp_path_factory):
    root = tmp_path_factory.mktemp("rule-cases")
    paths = {case.id: write_bundles(case, root / f"case{i}")[0] for i, case in enumerate(PER_BUNDLE)}
    with open_store(root / "store", read_only=False) as store:
        by_path, _ = _findings(store, [str(p) for p in paths.values()], checks.discover()[0])
    return {case_id: by_path[str(path)] for case_id, path in paths.items()}


@pytest.mark.parametrize("case", PER_BUNDLE, ids=lambda c: c.id)
def test_rule_case(case_findings, case):
    check(case, [r for r in case_findings[case.id] if r["rule_id"] == case.rule_id])


@pytest.mark.parametrize("case", FLEET, ids=lambda c: c.id)
def test_fleet_rule_case(tmp_path, case):
    (rule,) = [r for r in checks.discover()[0] if r.id == case.rule_id]     # no rule reads another's findings
    with open_store(tmp_path / "store", read_only=False) as store:
        _, rows = _findings(store, [str(p) for p in write_bundles(case, tmp_path)], [rule])
    check(case, [r for r in rows if r["rule_id"] == case.rule_id])


def test_every_rule_has_a_case_that_fires_and_one_that_stays_silent():
    shipped = {rule.id for rule in checks.discover()[0]}
    fires = {c.rule_id for c in CASES if c.fires}
    silent = {c.rule_id for c in CASES if not c.fires}
    assert {c.rule_id for c in CASES} <= shipped, "cases of a rule that does not exist"
    assert not sorted(shipped - fires), f"rules without a case that fires: {sorted(shipped - fires)}"
    assert not sorted(shipped - silent), f"rules without a case where they stay silent: {sorted(shipped - silent)}"
