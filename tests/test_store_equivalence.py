"""The folder store holds exactly what one DuckDB database holds when every bundle is parsed
straight into it, log lines in its log_lines table (the layout of sosql 0.1: an Ingest given
no LinesWriter still stores them so): table counts, lines, events per kind, crash signatures
and findings, on the sample fleet (loaded in one process and by workers) and the real sos
and insights trees."""
import os

import pytest

from sosql import load, open_store
from sosql.load import loader
from sosql.load.ingest import Ingest
from sosql.read import identity
from sosql.rules import checks
from sosql.store.scratch import Scratch

from conftest import CORPUS_TREES, SAMPLES, requires_corpus
from helpers import store_summary


def _single_database(path, bundles):
    with Scratch(path) as db:
        for bundle in bundles:
            with db.transaction():
                Ingest(db, bundle, identity.content_id(bundle), strict=True).run()
        checks.run(db, checks.discover()[0])
        return store_summary(db)


def _folder_store(path, bundles, jobs):
    with open_store(path, read_only=False) as store:
        assert not load(store, bundles, strict=True, jobs=jobs).failed
        checks.run(store, checks.discover()[0])
        return store_summary(store)


@pytest.fixture(scope="module")
def samples_in_one_database(tmp_path_factory):
    return _single_database(tmp_path_factory.mktemp("one") / "one.duckdb", loader.expand([SAMPLES]))


def test_sample_fleet_is_the_same_in_the_folder_store(sample_store, samples_in_one_database):
    """The session's sample store: loaded one batch at a time in this process, and checked."""
    counts, same = store_summary(sample_store)
    assert (counts, same) == samples_in_one_database
    assert counts["log_lines"] > 0 and same["findings"]


def test_sample_fleet_loaded_by_workers_is_the_same(tmp_path, samples_in_one_database):
    assert _folder_store(tmp_path / "store", loader.expand([SAMPLES]), 2) == samples_in_one_database


@requires_corpus
def test_real_trees_are_the_same_in_the_folder_store(corpus_store, tmp_path):
    """The session's corpus store (the real sos trees and the insights one, loaded in this
    process and checked) against the same trees parsed straight into one database."""
    counts, same = store_summary(corpus_store)
    assert (counts, same) == _single_database(tmp_path / "one.duckdb", CORPUS_TREES)
    assert counts["log_lines"] > 0 and counts["bundles"] == len(CORPUS_TREES) == 3


@pytest.mark.skipif(not os.environ.get("SOSQL_EQUIVALENCE_FLEET"),
                    reason="set SOSQL_EQUIVALENCE_FLEET to a folder of bundles (e.g. bench/synth.py's fleet-100)")
def test_a_synthetic_fleet_is_the_same_in_the_folder_store(tmp_path):
    bundles = loader.expand([os.environ["SOSQL_EQUIVALENCE_FLEET"]])
    counts, same = _folder_store(tmp_path / "store", bundles, 2)
    assert (counts, same) == _single_database(tmp_path / "one.duckdb", bundles)
