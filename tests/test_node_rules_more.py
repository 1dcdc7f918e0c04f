"""memory_pressure and interface_errors_rising: each fires on its sample node
(test_rules_knowledge.py); here, the cases around them, and silence on the real trees."""
import pytest

from sosql import load, open_store
from sosql.rules import checks

from conftest import CORPUS, requires_corpus
from helpers import rule_evidence

HEADER = "Linux 3.10.0-957.el7.x86_64 (big1) \t07/10/2018 \t_x86_64_\t(64 CPU)\n\n"
EDEV = "12:00:01 AM     IFACE   rxerr/s   txerr/s    coll/s  rxdrop/s  txdrop/s  txcarr/s  rxfram/s  rxfifo/s  txfifo/s\n"
PAGING = "12:00:01 AM  pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s pgsteal/s    %vmeff\n"


def edev(samples):
    """A sar file of EDEV lines: samples are {iface: (rxerr/s, rxdrop/s)} ten minutes apart."""
    lines = [f"12:{10 * n:02d}:01 AM {iface:>9} {err:9.2f} 0.00 0.00 {drop:9.2f} 0.00 0.00 0.00 0.00 0.00"
             for n, sample in enumerate(samples, 1) for iface, (err, drop) in sample.items()]
    return HEADER + EDEV + "\n".join(lines) + "\n"


def paging(scand):
    lines = [f"12:{10 * n:02d}:01 AM 0.5 20.1 571.2 0.00 480.1 900.00 {value:.2f} 800.00 80.00"
             for n, value in enumerate(scand, 1)]
    return HEADER + PAGING + "\n".join(lines) + "\n"


@pytest.mark.parametrize("memory, fires", [
    ("some avg10=35.10 avg60=22.04 avg300=9.80 total=918273645\nfull avg10=3.00 avg60=1.20 avg300=0.50 total=1\n",
     ["PSI memory some: avg10=35.10% avg60=22.04% avg300=9.80% (/proc/pressure/memory)"]),
    ("some avg10=2.00 avg60=1.00 avg300=0.50 total=1\nfull avg10=12.00 avg60=2.00 avg300=0.50 total=1\n",
     ["PSI memory full: avg10=12.00% avg60=2.00% avg300=0.50% (/proc/pressure/memory)"]),
    ("some avg10=5.00 avg60=3.00 avg300=1.00 total=1\nfull avg10=1.00 avg60=0.50 avg300=0.10 total=1\n", []),
])
def test_memory_pressure_from_psi(tmp_path, memory, fires):
    assert rule_evidence(tmp_path, "memory_pressure", **{"files__proc__pressure__memory": memory}) == fires


def test_cpu_pressure_is_not_memory_pressure(tmp_path):
    cpu = "some avg10=80.00 avg60=70.00 avg300=60.00 total=1\n"
    assert rule_evidence(tmp_path, "memory_pressure", **{"files__proc__pressure__cpu": cpu}) == []


@pytest.mark.parametrize("scand, fires", [((0, 150, 2400, 800, 0), True), ((0, 150, 2400, 0, 0), False)])
def test_memory_pressure_from_sar_direct_reclaim(tmp_path, scand, fires):
    calm = "some avg10=0.00 avg60=0.00 avg300=0.00 total=1\n"
    found = rule_evidence(tmp_path, "memory_pressure", **{"files__proc__pressure__memory": calm,
                                                       "files__var__log__sa__sar10": paging(scand)})
    assert found == (["sar: direct reclaim (pgscand/s >= 100) in 3 samples from 2018-07-10 00:20:01 to "
                      "2018-07-10 00:40:01, up to 2400 pages/s"] if fires else [])


def test_interface_errors_rising(tmp_path):
    samples = [{"eth0": (0, 0), "lo": (9, 90)}] + [{"eth0": (2.5, 0), "lo": (9, 90)}] * 3
    assert rule_evidence(tmp_path, "interface_errors_rising", **{"files__var__log__sa__sar10": edev(samples)}) == [
        "eth0: errors or drops in 3 samples from 2018-07-10 00:20:01 to 2018-07-10 00:40:01, "
        "up to 2.5 errors/s and 0.0 drops/s"]


@pytest.mark.parametrize("samples", [
    [{"eth0": (0, 0)}, {"eth0": (5, 0)}, {"eth0": (5, 0)}, {"eth0": (0, 0)}],    # two samples: a burst
    [{"eth0": (0.2, 5)}] * 6,                                                     # below both thresholds
])
def test_interface_errors_that_do_not_last(tmp_path, samples):
    assert rule_evidence(tmp_path, "interface_errors_rising", **{"files__var__log__sa__sar10": edev(samples)}) == []


def test_drops_of_a_standby_bond_slave_are_by_design(tmp_path):
    bond = ("Bonding Mode: fault-tolerance (active-backup)\nCurrently Active Slave: eth0\nMII Status: up\n\n"
            "Slave Interface: eth0\nMII Status: up\n\nSlave Interface: eth1\nMII Status: up\n")
    samples = [{"eth0": (0, 0), "eth1": (0, 40)}] * 4
    members = {"files__var__log__sa__sar10": edev(samples), "files__proc__net__bonding__bond0": bond}
    assert rule_evidence(tmp_path, "interface_errors_rising", **members) == []
    members["files__proc__net__bonding__bond0"] = bond.replace("Active Slave: eth0", "Active Slave: eth1")
    assert len(rule_evidence(tmp_path / "2", "interface_errors_rising", **members)) == 1


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
