"""Loading with worker processes gives the same store as loading one bundle at a time."""
import shutil

from sosql import load, open_store
from sosql.store import schema

from conftest import SAMPLES

COUNTED = [t.name for t in schema.TABLES if t.name not in ("meta", "findings", "rule_runs", "load_errors")]


def _counts(store):
    return {t: store.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in COUNTED}


def test_jobs_load_the_same_rows_as_one_at_a_time(tmp_path, sample_store):
    with open_store(tmp_path / "jobs.duckdb", read_only=False) as store:
        report = load(store, [SAMPLES], jobs=2, strict=True)
        assert not report.failed and len(report.loaded) == len(list(SAMPLES.glob("*.tar.*")))
        assert _counts(store) == _counts(sample_store)
        kinds = "SELECT kind, count(*) FROM events GROUP BY 1 ORDER BY 1"
        assert store.execute(kinds).fetchall() == sample_store.execute(kinds).fetchall()


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
