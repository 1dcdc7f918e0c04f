"""sosql diff: only real differences, however often a key occurs."""
import pyarrow as pa

from sosql import load, open_store
from sosql.fleet import diff

from bundles import native_files, write_dir
from conftest import fixture_text


def test_repeated_sysctl_keys_do_not_multiply_in_the_join(store):
    store.insert_dicts("hosts", [{"bundle_id": "aaaa", "hostname": "a"}, {"bundle_id": "bbbb", "hostname": "b"}])
    for bundle in ("aaaa", "bbbb"):
        store.insert("sysctls", pa.table({"name": ["dev.cdrom.info"] * 3 + ["vm.swappiness"],
                                          "value": ["CD-ROM information", "", "drive name:", "60"]}),
                     {"bundle_id": bundle})
    store.insert("sysctls", pa.table({"name": ["kernel.panic"], "value": ["10"]}), {"bundle_id": "bbbb"})
    assert diff.compare(store, "a", "b")["sysctls"].to_pylist() == [{"name": "kernel.panic", "a": None, "b": "10"}]


def test_identical_multiline_sysctls_from_two_bundles_are_no_difference(tmp_path):
    text = fixture_text("sysctl_multiline.txt")
    with open_store(tmp_path / "d.duckdb", read_only=False) as store:
        for name in ("one", "two"):
            load(store, [write_dir(tmp_path / name, native_files(hostname=name, sysctl=text))], strict=True)
        assert diff.compare(store, "one", "two")["sysctls"].num_rows == 0
