"""Package advisories: the shipped list, OSV imports, and version ranges compared as the package managers do."""
import json
import zipfile

import pytest
from typer.testing import CliRunner

from sosql import load, open_store
from sosql.cli import app
from sosql.rules import advisories, checks

from bundles import native_files, write_dir

UBUNTU = "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"20.04\"\nPRETTY_NAME=\"Ubuntu 20.04.3 LTS\"\n"
DPKG = ("policykit-1\t0.105-26ubuntu1.1\tamd64\tinstall ok installed\n"
        "sudo\t1.8.31-1ubuntu1.2\tamd64\tinstall ok installed\n"
        "docker-ce\t5:18.09.1~3-0~ubuntu-bionic\tamd64\tinstall ok installed\n"
        "containerd.io\t1.4.3-1\tamd64\tinstall ok installed\n"
        "openssl\t1.1.1f-1ubuntu2.8\tamd64\tinstall ok installed\n")
OSV = {"id": "USN-9999-1", "aliases": ["CVE-2099-0001"], "summary": "OpenSSL test advisory",
       "affected": [{"package": {"ecosystem": "Ubuntu:20.04:LTS", "name": "openssl"},
                     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.1f-1ubuntu2.9"}]}]},
                    {"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "openssl"},
                     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.2-0ubuntu1.1"}]}]}]}


@pytest.fixture
def store(tmp_path):
    bundle = write_dir(tmp_path / "b", native_files(extra={"files/etc/os-release": UBUNTU,
                                                           "commands/dpkg-query_-W": DPKG}))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        yield store


def evidence(store):
    checks.run(store, checks.select(checks.discover()[0], only=["package_advisories"]))
    return [r[0] for r in store.execute("SELECT evidence FROM findings").fetchall()]


def test_shipped_advisories_with_backports_and_epochs(store):
    (found,) = evidence(store)
    assert found.splitlines() == [
        "docker-ce 5:18.09.1~3-0~ubuntu-bionic: CVE-2019-5736, fixed in 5:18.09.2~0 - runc in docker-ce lets "
        "a container overwrite the host's runc binary and run as root",
        "policykit-1 0.105-26ubuntu1.1: USN-5252-1 (CVE-2021-4034), fixed in 0.105-26ubuntu1.2 - pkexec local "
        "privilege escalation (PwnKit)"]          # sudo and containerd.io are at their fixed versions


def test_osv_import_from_files_folders_and_zips(store, tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "USN-9999-1.json").write_text(json.dumps(OSV))
    (tmp_path / "feed" / "notes.json").write_text("{\"not\": \"an advisory\"}")
    with zipfile.ZipFile(tmp_path / "all.zip", "w") as z:
        z.writestr("USN-9999-1.json", json.dumps(OSV))
    assert advisories.import_osv(store, [tmp_path / "feed"]) == (1, 2, 1)
    assert advisories.import_osv(store, [tmp_path / "feed"]) == (1, 2, 1)      # again: replaced, not doubled
    assert advisories.import_osv(store, [tmp_path / "all.zip"])[:2] == (1, 2)
    assert store.execute("SELECT count(*) FROM advisories").fetchall() == [(4,)]
    (found,) = evidence(store)
    assert "openssl 1.1.1f-1ubuntu2.8: USN-9999-1 (CVE-2099-0001), fixed in 1.1.1f-1ubuntu2.9" in found


def test_ranges_opened_again_and_never_fixed():
    doc = {"id": "X-1", "affected": [{"package": {"ecosystem": "Debian:12", "name": "p"}, "ranges": [
        {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2"}, {"introduced": "2.0"}]},
        {"type": "GIT", "events": [{"introduced": "abc"}]}]}]}
    rows = advisories._rows(json.dumps(doc), "f.json")
    assert [(r["introduced"], r["fixed"]) for r in rows] == [("1.0", "1.2"), ("2.0", None)]


def test_command(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(OSV))
    result = CliRunner().invoke(app, ["advisories", str(tmp_path / "a.json"), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0 and "imported 1 advisories (2 affected package ranges)" in result.output
