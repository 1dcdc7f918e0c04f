"""Loading with worker processes: a bad bundle fails alone. (The sample fleet loaded by workers
holds what a load in one process holds: test_store_equivalence.py.)"""
import shutil

import pytest

from sosql import load, open_store

from conftest import SAMPLES


def test_jobs_record_a_bad_bundle_and_load_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted(SAMPLES.glob("*.tar.gz"))[:3]
    for path in good:
        shutil.copy(path, folder)
    (folder / "broken.tar.gz").write_bytes(good[0].read_bytes()[:5000])
    with open_store(tmp_path / "jobs.duckdb", read_only=False) as store:
        report = load(store, [folder, folder / good[0].name], jobs=2)
        assert sorted(p for p, _ in report.failed) == [str(folder / "broken.tar.gz")]
        assert len(report.loaded) == 3 and len(report.skipped) == 1     # named twice: loaded once
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(3,)]
        assert store.execute("SELECT count(*) FROM load_errors").fetchall() == [(1,)]
        assert not list(tmp_path.glob(".sosql-load-*"))                # part files cleaned up


def test_in_one_process_small_bundles_share_a_batch_and_big_ones_end_it(tmp_path, monkeypatch):
    from sosql.load import parallel
    monkeypatch.setattr(parallel, "ALONE_BATCH", 3)
    monkeypatch.setattr(parallel, "ALONE_BATCH_BYTES", 1000)
    small, big, folder = tmp_path / "small.tar.gz", tmp_path / "big.tar.gz", tmp_path / "tree"
    small.write_bytes(b"x" * 10)
    big.write_bytes(b"x" * 2000)
    (folder / "sub").mkdir(parents=True)
    for index in range(3):
        (folder / "sub" / f"f{index}").write_bytes(b"x" * 400)     # 1200 bytes in all: a big folder
    (tmp_path / "link.tar.gz").symlink_to(big)                       # counts as the archive it names
    paths = [str(p) for p in (small, small, small, small, big, small, folder, small, tmp_path / "link.tar.gz",
                              tmp_path / "gone")]
    assert [len(batch) for batch in parallel._by_size(paths)] == [3, 2, 2, 2, 1]


def test_the_default_workers_are_the_cores_a_containers_cpu_limit_allows(tmp_path, monkeypatch):
    from sosql.load.cores import usable_cores
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert usable_cores(tmp_path / "none") == 4                                    # no cgroup files: no limit
    v2, v1 = tmp_path / "v2", tmp_path / "v1"
    v2.mkdir()
    (v2 / "cpu.max").write_text("150000 100000\n")                                 # a 1.5-core limit
    assert usable_cores(v2) == 2
    (v2 / "cpu.max").write_text("max 100000\n")
    assert usable_cores(v2) == 4
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("50000\n")                        # half a core: still one
    assert usable_cores(v1) == 1
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")                           # cgroup v1's "no limit"
    assert usable_cores(v1) == 4
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("800000\n")                       # more than the cores pinned
    assert usable_cores(v1) == 4


@pytest.mark.parametrize("small_below, one", [(1 << 40, True), (0, False)])
def test_in_one_process_a_small_bundle_loads_on_one_duckdb_thread(tmp_path, monkeypatch, small_below, one):
    import duckdb

    from sosql.load import bundle_load
    from sosql.load.ingest import Ingest
    seen, run = [], Ingest.run
    def recording(self):
        seen.append(self.store.execute("SELECT current_setting('threads')").fetchall()[0][0])
        return run(self)
    monkeypatch.setattr(Ingest, "run", recording)
    monkeypatch.setattr(bundle_load, "SMALL_BUNDLE_BYTES", small_below)
    with open_store(tmp_path / "store", read_only=False) as store:
        assert load(store, [next(SAMPLES.glob("sosql-node1-*"))], strict=True).loaded
    assert seen == [1 if one else duckdb.connect().execute("SELECT current_setting('threads')").fetchall()[0][0]]
