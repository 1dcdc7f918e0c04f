"""The store is a folder: a DuckDB catalog and a Parquet file of log lines per bundle, listed in
the catalog in the same transaction as the bundle's other rows."""
import duckdb
import pyarrow.parquet as pq
import pytest

from sosql import load, open_store
from sosql.errors import StoreError
from sosql.load import bundle_load, loader, publish
from sosql.store import lines_files

from conftest import SAMPLES

NODE3 = SAMPLES / "sosql-node3-20180710T020200Z.tar.gz"
NODE5 = SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"
NODE1 = SAMPLES / "sosql-node1-20180710T020000Z.tar.gz"


def _files(db):
    return sorted(p.relative_to(db).as_posix() for p in (db / "log_lines").glob("*/*.parquet"))


def test_lines_are_parquet_files_other_engines_read(tmp_path):
    db = tmp_path / "store"
    with open_store(db, read_only=False) as store:
        load(store, [NODE3], strict=True)
        listed = store.execute("SELECT file, rows FROM parquet_files ORDER BY file").fetchall()
        lines = store.execute("SELECT count(*) FROM log_lines").fetchall()[0][0]
        members = store.execute("SELECT count(DISTINCT path) FROM log_lines").fetchall()[0][0]
    assert [f for f, _ in listed] == _files(db) and sum(r for _, r in listed) == lines > 0
    assert len(listed) == members > 1             # a file per log member
    table = pq.read_table(db / "log_lines", partitioning="hive")          # plain pyarrow, no sosql
    assert table.num_rows == lines and "message" in table.schema.names
    assert not list((db / ".staging").glob("*"))


def test_log_lines_view_has_the_contract_columns(tmp_path, sample_store):
    from sosql.store import schema
    columns = [r[0] for r in sample_store.execute("DESCRIBE log_lines").fetchall()]
    assert columns == schema.column_names("log_lines")


def test_an_old_single_file_store_is_refused_with_what_to_do(tmp_path):
    old = tmp_path / "sosql.duckdb"
    duckdb.connect(str(old)).close()
    with pytest.raises(StoreError, match="a store is now a folder: load the bundles again"):
        open_store(old, read_only=False)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("x")
    with pytest.raises(StoreError, match="not a sosql store"):
        open_store(tmp_path / "notes", read_only=False)
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing", read_only=True)


def test_files_listed_but_not_moved_roll_forward_and_unlisted_ones_roll_back(tmp_path, monkeypatch):
    db = tmp_path / "store"
    with open_store(db, read_only=False) as store:
        load(store, [NODE3], strict=True)
        expected = store.execute("SELECT count(*) FROM log_lines").fetchall()
    def killed(*args):      # the process dies between the commit and the move
        raise KeyboardInterrupt
    with open_store(db, read_only=False) as store:
        monkeypatch.setattr(lines_files, "publish", killed)
        with pytest.raises(KeyboardInterrupt):
            load(store, [NODE5], strict=True)
        monkeypatch.undo()
    orphan = db / "log_lines" / "bundle_id=feedface" / "0.parquet"        # written, never listed
    orphan.parent.mkdir()
    orphan.write_bytes(b"PAR1")
    with open_store(db, read_only=False) as store:       # the next open finishes the move and drops the orphan
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(2,)]
        assert store.execute("SELECT count(DISTINCT bundle_id) FROM log_lines").fetchall() == [(2,)]
        listed = [r[0] for r in store.execute("SELECT file FROM parquet_files ORDER BY file").fetchall()]
    assert _files(db) == listed and not orphan.parent.exists() and not (db / ".staging").exists()
    assert expected[0][0] > 0


def test_a_failed_copy_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "store"
    real = publish._list_files
    def failing(store, outcomes):
        real(store, outcomes)
        raise duckdb.IOException("disk full")
    monkeypatch.setattr(publish, "_list_files", failing)
    with open_store(db, read_only=False) as store:
        report = load(store, [NODE3, NODE5])
        assert len(report.failed) == 2 and "disk full" in report.failed[0][1]
        assert store.execute("SELECT count(*) FROM bundles UNION ALL SELECT count(*) FROM parquet_files "
                             "UNION ALL SELECT count(*) FROM log_lines").fetchall() == [(0,), (0,), (0,)]
    assert _files(db) == []


def _publish_together(store, paths):
    """Each path a batch of its own, parsed, then all published at once as a loading process does
    with the batches its workers finished meanwhile."""
    folder = lines_files.staging(store.path)
    batches = [bundle_load.ingest_batch([str(p)], set(), True, folder) for p in paths]
    report = loader.LoadReport()
    publish.publish(store, batches, report)
    return report


def test_batches_published_together_refresh_the_views_once(tmp_path, monkeypatch):
    with open_store(tmp_path / "store", read_only=False) as store:
        refreshes = []
        real = store.refresh_views
        monkeypatch.setattr(store, "refresh_views", lambda: (refreshes.append(1), real()))
        report = _publish_together(store, [NODE3, NODE5, NODE3])
        assert (len(report.loaded), report.skipped, report.failed) == (2, [str(NODE3)], [])
        assert len(refreshes) == 1
        assert store.execute("SELECT count(DISTINCT bundle_id), count(*) FROM log_lines").fetchall() == \
            store.execute("SELECT count(DISTINCT bundle_id), sum(rows) FROM parquet_files").fetchall()
        assert _files(tmp_path / "store") == [r[0] for r in store.execute("SELECT file FROM parquet_files ORDER BY file").fetchall()]
    assert list((tmp_path / "store" / ".staging").glob("*.parquet")) == []


def test_a_bundle_that_fails_in_a_group_fails_alone(tmp_path, monkeypatch):
    real = publish._list_files
    def failing_for_node5(store, outcomes):
        if any("node5" in o.path for o in outcomes):
            raise duckdb.IOException("disk full")
        return real(store, outcomes)
    monkeypatch.setattr(publish, "_list_files", failing_for_node5)
    with open_store(tmp_path / "store", read_only=False) as store:
        report = _publish_together(store, [NODE3, NODE5, NODE1])
        assert sorted(report.loaded) == sorted([str(NODE3), str(NODE1)])
        assert [p for p, _ in report.failed] == [str(NODE5)] and "disk full" in report.failed[0][1]
        assert store.execute("SELECT count(*) FROM bundles UNION ALL SELECT count(DISTINCT bundle_id) FROM log_lines "
                             "UNION ALL SELECT count(*) FROM load_errors").fetchall() == [(2,), (2,), (1,)]


def test_a_reload_of_a_changed_folder_drops_the_old_files(tmp_path):
    import shutil
    import tarfile
    folder = tmp_path / "node"
    with tarfile.open(NODE3) as tar:
        tar.extractall(tmp_path / "x")
    shutil.move(str(next((tmp_path / "x").iterdir())), folder)
    db = tmp_path / "store"
    with open_store(db, read_only=False) as store:
        load(store, [folder], strict=True)
        first = _files(db)
        messages = next(folder.rglob("messages"))
        messages.write_text(messages.read_text() + "Jul 10 09:41:00 node3 kernel: one more line\n")
        report = load(store, [folder], strict=True)
        assert report.replaced == [str(folder)]
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(1,)]
    assert _files(db) and not set(_files(db)) & set(first)


def test_a_users_query_reads_the_store_files_and_nothing_else(tmp_path):
    with open_store(tmp_path / "store", read_only=False) as store:
        load(store, [NODE3], strict=True)
    with open_store(tmp_path / "store", read_only=True) as store:
        store.lock_down()
        assert store.execute("SELECT count(*) FROM log_lines").fetchall()[0][0] > 0
        with pytest.raises(duckdb.Error, match="disabled by configuration"):
            store.execute("SELECT * FROM read_text('/etc/hostname')")


def test_a_bundle_whose_file_was_deleted_is_dropped_whole_and_said(tmp_path):
    db = tmp_path / "store"
    with open_store(db, read_only=False) as store:
        load(store, [NODE3, NODE5], strict=True)
        file = store.execute("SELECT file FROM parquet_files ORDER BY file LIMIT 1").fetchall()[0][0]
    (db / file).unlink()
    with pytest.raises(StoreError, match="open the store for writing"):
        open_store(db, read_only=True)
    with open_store(db, read_only=False) as store:
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(1,)]
        assert store.execute("SELECT count(*) FROM hosts").fetchall() == [(1,)]
        assert "missing from the store" in store.execute("SELECT error FROM load_errors").fetchall()[0][0]


def test_a_reader_during_a_load_sees_whole_bundles_only(tmp_path, sample_store, monkeypatch):
    """Between batches (the progress callback), every bundle the store has has all its lines.
    Five of the sample fleet (node2's rotated log among them, and the sos one) are loaded in
    batches of two; each bundle's lines as the session's sample store has them."""
    from sosql.load import parallel
    monkeypatch.setattr(parallel, "ALONE_BATCH", 2)
    paths = [NODE1, SAMPLES / "sosql-node2-20180710T020500Z.tar.gz", NODE3, NODE5,
             SAMPLES / "sosreport-harbortest-20180530183000.tar.xz"]
    expected = dict(sample_store.execute("SELECT bundle_id, count(*) FROM log_lines GROUP BY 1").fetchall())
    seen = []
    with open_store(tmp_path / "store", read_only=False) as store:
        def check(path, outcome):
            lines = dict(store.execute("SELECT b.bundle_id, count(l.line_no) FROM bundles b "
                                       "LEFT JOIN log_lines l USING (bundle_id) GROUP BY 1").fetchall())
            assert lines == {b: expected.get(b, 0) for b in lines}
            seen.append(len(lines))
        load(store, paths, progress=check, strict=True)
    assert seen == sorted(seen) and seen[-1] == len(paths) and len(set(seen)) > 1


def test_a_store_from_before_a_new_table_or_column_opens_and_gains_them(tmp_path):
    """Adding to the contract locks no store out: read as empty, added when next written."""
    db = tmp_path / "s"
    with open_store(db, read_only=False) as store:
        load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"])
        store.execute("DROP TABLE listeners")                       # as if written before them
        store.execute("ALTER TABLE hosts DROP COLUMN load_15")
        hosts = store.execute("SELECT count(*) FROM hosts").fetchone()[0]
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(db, read_only=True)                              # a column cannot be read as empty
    with open_store(db, read_only=False) as store:                                   # writing adds both
        assert store.execute("SELECT count(*), count(load_15) FROM hosts").fetchone() == (hosts, 0)
        assert store.execute("SELECT count(*) FROM listeners").fetchone()[0] == 0
        store.execute("DROP TABLE listeners")
    with open_store(db, read_only=True) as store:                   # a table missing: read as empty
        assert store.execute("SELECT count(*) FROM listeners").fetchone()[0] == 0
