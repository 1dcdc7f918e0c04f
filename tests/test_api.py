"""The README's notebook example runs as written (bundles/ being the sample fleet)."""
import re

import pytest

from sosql.errors import SosqlError

from conftest import ROOT, SAMPLES, sosql_process


def test_the_readmes_python_example_runs(tmp_path, monkeypatch, sample_store_copy):
    """As run a second time: its sosql-store is the session's sample store, which the same
    sosql.load of the sample fleet wrote (conftest.py), so the example's load finds every
    bundle there; its check and report run in full."""
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"From Python.*?```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bundles").symlink_to(SAMPLES)
    sample_store_copy.rename(tmp_path / "sosql-store")
    names = {}
    exec(compile(code.replace('store.df(', 'result = store.df('), "README.md", "exec"), names)
    assert len(names["result"]) > 0 and {"hostname", "kind"} <= set(names["result"].columns)
    assert (tmp_path / "report.html").stat().st_size > 10_000
    store = names["store"]
    assert store.execute("SELECT count(*) FROM findings").fetchall()[0][0] > 0
    assert store.execute("SELECT count(*) FROM load_errors").fetchall() == [(0,)]    # bundles/ was found
    store.close()


def test_check_and_report_return_what_they_did(tmp_path):
    import sosql
    with sosql.open_store(tmp_path / "s", read_only=False) as store:
        sosql.load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"])
        done = sosql.check(store)
        assert done.findings > 0 and done.per_rule["soft_lockup"] == 1 and not done.errors
        shown = sosql.report(store, tmp_path / "node5.html", host="node5")
    assert shown["host"]["hostname"] == "node5" and (tmp_path / "node5.html").exists()


def test_a_notebook_reads_by_default_and_holds_no_lock(tmp_path):
    """open_store reads unless told to write: a command in a shell works beside the notebook."""
    import sosql
    with sosql.open_store(tmp_path / "s", read_only=False) as store:
        sosql.load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"])
    with sosql.open_store(tmp_path / "s") as reader:
        assert reader.df("SELECT hostname FROM hosts")["hostname"].tolist() == ["node5"]
        beside = sosql_process("query", "SELECT count(*) AS n FROM bundles", "--db", tmp_path / "s", "--format", "csv")
        assert beside.returncode == 0 and beside.stdout.split() == ["n", "1"]
        with pytest.raises(SosqlError):
            sosql.load(reader, [SAMPLES / "sosql-node3-20180710T020200Z.tar.gz"])
    with pytest.raises(SosqlError, match="no such store"):
        sosql.open_store(tmp_path / "none")
