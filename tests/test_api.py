"""The README's notebook example runs as written (bundles/ being the sample fleet)."""
import re

from conftest import ROOT, SAMPLES


def test_the_readmes_python_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"From Python.*?```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bundles").symlink_to(SAMPLES)
    names = {}
    exec(compile(code.replace('store.df(', 'result = store.df('), "README.md", "exec"), names)
    assert len(names["result"]) > 0 and {"hostname", "kind"} <= set(names["result"].columns)
    assert (tmp_path / "report.html").stat().st_size > 10_000
    store = names["store"]
    assert store.execute("SELECT count(*) FROM findings").fetchall()[0][0] > 0
    store.close()


def test_check_and_report_return_what_they_did(tmp_path):
    import sosql
    with sosql.open_store(tmp_path / "s") as store:
        sosql.load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"])
        done = sosql.check(store)
        assert done.findings > 0 and done.per_rule["soft_lockup"] == 1 and not done.errors
        shown = sosql.report(store, tmp_path / "node5.html", host="node5")
    assert shown["host"]["hostname"] == "node5" and (tmp_path / "node5.html").exists()
