"""Scratch databases: each a file of its own, though a process attaches them all to one DuckDB."""
import os

import duckdb
import pytest

from sosql.errors import StoreError
from sosql.store.scratch import Scratch


def test_scratches_open_together_are_apart_and_whole_once_closed(tmp_path):
    first, second = Scratch.new(tmp_path / "a.duckdb"), Scratch.new(tmp_path / "b.duckdb")
    first.insert_dicts("hosts", [{"bundle_id": "b1", "hostname": "node1"}])
    assert second.execute("SELECT count(*) FROM hosts").fetchall() == [(0,)]
    first.close()
    second.insert_dicts("hosts", [{"bundle_id": "b2", "hostname": "node2"}])
    assert second.execute("SELECT version_cmp('1.2', '1.10', 'rpm')").fetchall() == [(-1,)]
    second.close()
    for name, expected in (("a.duckdb", [("b1", "node1")]), ("b.duckdb", [("b2", "node2")])):
        assert not (tmp_path / f"{name}.wal").exists()          # checkpointed at close: whole in its file
        with duckdb.connect(str(tmp_path / name), read_only=True) as con:
            assert con.execute("SELECT bundle_id, hostname FROM hosts").fetchall() == expected


def test_a_file_that_is_no_database_is_a_store_error_naming_it(tmp_path):
    (tmp_path / "junk.duckdb").write_text("not a database")
    with pytest.raises(StoreError, match="junk.duckdb: cannot open scratch database"):
        Scratch(tmp_path / "junk.duckdb", create=False)


def test_a_scratch_that_fails_to_open_is_not_left_attached(tmp_path, monkeypatch):
    from sosql.store import scratch, views
    Scratch.new(tmp_path / "before.duckdb").close()          # this process's DuckDB exists
    attached = scratch._HOSTS[os.getpid()]
    names = "SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'scratch_%'"
    before = attached.execute(names).fetchall()
    monkeypatch.setattr(views, "TIME_MACROS", ["CREATE MACRO broken( AS"])
    with pytest.raises(duckdb.Error):
        Scratch(tmp_path / "broken.duckdb")
    assert attached.execute(names).fetchall() == before
