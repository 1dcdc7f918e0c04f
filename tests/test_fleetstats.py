"""Fleet statistics against hand-computed and textbook values."""
import math

import pytest

from sosql.fleet import fleetstats


@pytest.mark.parametrize("x, n, low, high", [
    (5, 10, 0.2366, 0.7634),      # textbook Wilson interval
    (0, 1, 0.0, 0.7935),          # one host without trouble says little
    (1, 1, 0.2065, 1.0),
    (2, 2, 0.3424, 1.0),
    (0, 100, 0.0, 0.0370),
])
def test_wilson(x, n, low, high):
    got = fleetstats.wilson(x, n)
    assert got[0] == pytest.approx(low, abs=1e-4) and got[1] == pytest.approx(high, abs=1e-4)


def test_wilson_sql_macro_matches(store):
    for x, n in ((5, 10), (0, 3), (2, 2), (17, 40)):
        low, high = store.execute("SELECT wilson_low(?, ?), wilson_high(?, ?)", [x, n, x, n]).fetchall()[0]
        assert (low, high) == pytest.approx(fleetstats.wilson(x, n), abs=1e-9)


@pytest.mark.parametrize("table, p", [
    ((3, 1, 1, 3), 0.4857),       # the lady tasting tea, two-sided
    ((1, 9, 11, 3), 0.002759),    # Wikipedia's example, two-sided
    ((2, 0, 1, 10), 0.03846),     # two panicking hosts of two against 1 of 11: the sample fleet's 3.10.0-229
    ((0, 5, 0, 5), 1.0),
])
def test_fisher_exact(table, p):
    assert fleetstats.fisher_exact(*table) == pytest.approx(p, rel=1e-3)


def test_poisson_rate_test_against_the_binomial_by_hand():
    ratio, p = fleetstats.poisson_rate_test(10, 1.0, 10, 10.0)
    assert ratio == 10.0
    share, n = 1 / 11, 20
    pmf = [math.comb(n, k) * share ** k * (1 - share) ** (n - k) for k in range(n + 1)]
    assert p == pytest.approx(sum(q for q in pmf if q <= pmf[10] * (1 + 1e-9)), rel=1e-9)
    assert fleetstats.poisson_rate_test(3, 2.0, 30, 20.0)[1] == pytest.approx(1.0)   # equal rates


def test_kernel_groups_on_the_sample_fleet(sample_store):
    rows = {r["group"]: r for r in fleetstats.by_group(sample_store)}
    bad = rows["3.10.0-229.7.2.el7.x86_64"]
    assert (bad["hosts"], bad["panic"]["hosts"]) == (2, 2)
    assert bad["panic"]["p"] == pytest.approx(0.03846, rel=1e-3)
    assert bad["panic"]["low"] == pytest.approx(0.3424, abs=1e-4)          # wide: only two hosts
    sql = sample_store.arrow("SELECT hosts, hosts_panic, panic_low FROM fleet_stats "
                             "WHERE kernel_release = '3.10.0-229.7.2.el7.x86_64'").to_pylist()
    assert sql == [{"hosts": 2, "hosts_panic": 2, "panic_low": pytest.approx(bad["panic"]["low"])}]
    assert sum(r["hosts"] for r in rows.values()) == 13
    assert {g["group"] for g in fleetstats.by_group(sample_store, "hypervisor")} >= {"KVM", "VMware Virtual Platform"}


def test_rate_test_needs_a_host_day_on_each_side():
    assert fleetstats.poisson_rate_test(4, 0.29, 0, 30.0) == (None, None)
    assert fleetstats.poisson_rate_test(4, 30.0, 0, 0.5) == (None, None)


def _fleet(store):
    """h1 loaded twice (same collection), h2 with no kernel known and a crash, h3 on another kernel."""
    from datetime import datetime
    when = datetime(2022, 2, 10, 16, 0)
    hosts = [("b1", "h1", "5.4.0-97-generic"), ("b2", "h1", "5.4.0-97-generic"), ("b3", "h2", None),
             ("b4", "h3", "5.4.0-99-generic")]
    store.insert_dicts("hosts", [{"bundle_id": b, "hostname": h, "kernel_release": k} for b, h, k in hosts])
    store.insert_dicts("bundles", [{"bundle_id": b, "path": f"/x/{b}", "format": "sos", "collected_at": when}
                                   for b, _, _ in hosts])
    store.insert_dicts("crashes", [{"bundle_id": "b3", "kind": "oops", "title": "BUG", "signature": "abc"}])


def test_unknown_kernel_is_apart_and_a_host_loaded_twice_counts_once(store):
    _fleet(store)
    groups = {r["group"]: r for r in fleetstats.by_group(store)}
    assert set(groups) == {"5.4.0-97-generic", "5.4.0-99-generic"}
    assert groups["5.4.0-97-generic"]["hosts"] == 1                     # b1 and b2 are one host
    assert groups["5.4.0-97-generic"]["rate_ratio"] is None              # 1 hour of logs each: no test
    assert [u["hostname"] for u in fleetstats.unknown_hosts(store)] == ["h2"]


def test_fleet_report_prints_no_none_and_labels_a_repeated_host(store, tmp_path):
    from sosql.reports import render
    _fleet(store)
    html = (tmp_path / "r.html")
    data = render.render(store, html)
    text = html.read_text()
    assert "None" not in text and 'id="unknown-kernel"' in text
    labels = sorted(h["label"] for h in data["hosts"])
    assert labels[:2] == ["h1 (2022-02-10 16:00:00, bundle b1)", "h1 (2022-02-10 16:00:00, bundle b2)"]
    assert data["signatures"][0]["kernel_release"] == "unknown"
