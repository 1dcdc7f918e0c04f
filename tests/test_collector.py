"""The node collector: stdlib only, Python 3.6+, no shell; bounded and robust on a hostile node."""
import ast
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
from pathlib import Path

import fakenode
import pytest

from sosql import load, open_store

from conftest import sosql
from helpers import COLLECTOR, manifest_of, run_collector


def python36():
    candidates = [shutil.which("python3.6")] + sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.6*/bin/python3.6")))
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", "import sys; assert sys.version_info[:2] == (3, 6)"],
                          capture_output=True).returncode == 0:
            return candidate
    return None


def member(bundle, suffix):
    with tarfile.open(bundle) as tar:
        name = next(n for n in tar.getnames() if n.endswith(suffix))
        return tar.extractfile(name).read()


def items_by_name(manifest):
    return {(i.get("source") or " ".join(i["argv"])): i for i in manifest["items"]}


# -- the collector's own constraints -------------------------------------------------

def test_imports_only_the_standard_library():
    tree = ast.parse(COLLECTOR.read_text())
    modules = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert modules and modules <= set(sys.stdlib_module_names), modules - set(sys.stdlib_module_names)


def test_never_uses_a_shell():
    tree = ast.parse(COLLECTOR.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "shell":
            assert isinstance(node.value, ast.Constant) and node.value.value is False
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            assert node.attr not in ("system", "popen", "execl", "execlp", "spawnl"), node.attr


def test_vermin_says_python_36():
    vermin = shutil.which("vermin", path=str(Path(sys.executable).parent)) or shutil.which("vermin")
    result = subprocess.run([vermin, "--target=3.6-", "--violations", "--no-tips", str(COLLECTOR)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(python36() is None, reason="no Python 3.6 interpreter on this machine")
def test_runs_on_python_36(tmp_path):
    root, bin_dir, out = fakenode.make(tmp_path)
    bundle, manifest, _ = run_collector(root, bin_dir, out, "--timeout", "0.5", python=python36())
    assert manifest["format"] == "sosql-bundle" and manifest["format_version"] == 1
    assert member(bundle, "/commands/uname_-a").startswith(b"Linux fakenode")


# -- a hostile node ------------------------------------------------------------------

@pytest.fixture(scope="module")
def fake_run():
    # In the system temp folder: pytest's own is closed to the unprivileged user.
    root, bin_dir, out = fakenode.make()
    as_nobody = os.geteuid() == 0 and Path("/usr/bin/python3").exists()
    python = "/usr/bin/python3" if as_nobody else None
    bundle, manifest, seconds = run_collector(root, bin_dir, out, "--timeout", "0.5", "--max-command-mb", "1",
                                              python=python, as_nobody=as_nobody)
    yield bundle, manifest, seconds, as_nobody
    shutil.rmtree(root.parent, ignore_errors=True)


def test_manifest_describes_the_run(fake_run):
    bundle, manifest, _, _ = fake_run
    assert manifest["hostname"] == socket.gethostname()
    assert manifest["boot_id"] == "0b5f3a6e-1111-2222-3333-444455556666"
    assert manifest["boot_time"].startswith("2018-07-10T") or manifest["boot_time"].startswith("2018-07-09T")
    assert manifest["collected_at_utc"].endswith("Z") and "+" in manifest["collected_at_local"] or \
        "-" in manifest["collected_at_local"][19:]
    for item in manifest["items"]:
        assert set(item) >= {"kind", "path", "argv", "source", "returncode", "duration_s", "bytes",
                             "truncated", "sha256", "error"}


def test_hanging_command_is_killed_and_recorded(fake_run):
    _, manifest, seconds, _ = fake_run
    items = items_by_name(manifest)
    item = items["docker info --format {{json .}}"]
    assert item["error"] == "timed out after 0.5s" and item["returncode"] is None
    # the daemon hangs: its other commands would each wait as long, so they are not run
    for later in ("docker info", "docker version"):
        assert items[later]["error"] == "skipped: an earlier docker command timed out"
    assert seconds < 10


def test_missing_commands_are_recorded(fake_run):
    items = items_by_name(fake_run[1])
    assert items["chronyc tracking"]["error"] == "chronyc: not installed"
    assert items["rpm -qa"]["returncode"] is None and items["rpm -qa"]["path"] is None


def test_megabytes_of_output_are_capped_to_the_newest(fake_run):
    bundle, manifest, _, _ = fake_run
    item = items_by_name(manifest)["iptables-save"]
    line = b"-A FORWARD -j DROP\n"
    printed = (line * (3000000 // len(line) + 1))[:3000000]       # what the command wrote
    kept = member(bundle, "/commands/iptables-save")
    assert item["truncated"] is True and item["bytes"] == len(kept) > 1024 * 1024 - len(line)
    assert printed.endswith(kept) and kept.startswith(line)


def test_permission_denied_log_is_recorded(fake_run):
    _, manifest, _, as_nobody = fake_run
    if os.geteuid() == 0 and not as_nobody:
        pytest.skip("running as root without /usr/bin/python3 to drop privileges")
    assert items_by_name(manifest)["/" + fakenode.DENIED]["error"] == "permission denied"


def test_rotated_gzipped_logs_newest_first(fake_run):
    _, manifest, _, _ = fake_run
    logs = [i["source"] for i in manifest["items"] if (i.get("source") or "").startswith("/var/log/messages")]
    assert logs[:3] == ["/var/log/messages", "/var/log/messages-20180709.gz", "/var/log/messages-20180708.gz"]


def test_secrets_are_scrubbed_or_not_collected(fake_run):
    bundle, manifest, _, _ = fake_run
    with tarfile.open(bundle) as tar:
        everything = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    assert b"hunter2" not in everything
    assert b'"registry-password": "********"' in member(bundle, "/files/etc/docker/daemon.json")
    assert b"--password ********" in member(bundle, "/commands/ps_auxwww")
    assert items_by_name(manifest)["/etc/cni/net.d/calico-kubeconfig"]["error"] == "excluded: may hold credentials"


def test_fake_node_bundle_loads(fake_run, tmp_path):
    bundle = fake_run[0]
    with open_store(tmp_path / "n.duckdb", read_only=False) as store:
        assert not load(store, [bundle], strict=True).failed
        (host,) = store.arrow("SELECT * FROM hosts").to_pylist()
        assert host["kernel_release"] == fakenode.KERNEL and host["distro"] == "CentOS Linux 7 (Core)"
        assert host["uptime_s"] == 7200.0
        messages = store.arrow("SELECT path, count(*) AS n FROM log_lines WHERE source = 'messages' "
                               "GROUP BY path ORDER BY path").to_pylist()
        assert [m["path"] for m in messages] == ["files/var/log/messages", "files/var/log/messages-20180708.gz",
                                                  "files/var/log/messages-20180709.gz"]
        lockups = store.arrow("SELECT kind, process, source FROM events ORDER BY process").to_pylist()
        assert lockups == [{"kind": "soft_lockup", "process": "khugepaged", "source": "messages"},
                           {"kind": "soft_lockup", "process": "kworker/2:1", "source": "dmesg"}]
        items = store.execute("SELECT count(*), count(*) FILTER (truncated) FROM bundle_items").fetchall()[0]
        assert items == (len(fake_run[1]["items"]), 1)


def test_the_manifests_facts_come_first_so_a_load_dates_the_logs_once(fake_run, tmp_path, monkeypatch):
    """collection.json, the manifest but its items, is the first member (the manifest, which
    lists every item, the last): a load knows the collection's time and the boot before the
    logs stream, and writes their lines once rather than again at the end."""
    from sosql.load import lines_writer
    bundle, manifest, _, _ = fake_run
    with tarfile.open(bundle) as tar:
        names = [name.split("/", 1)[1] for name in tar.getnames() if "/" in name]
    assert names[0] == "collection.json" and names[-1] == "manifest.json"
    assert json.loads(member(bundle, "/collection.json")) == {k: v for k, v in manifest.items() if k != "items"}
    rewritten, copy = [], lines_writer.LinesWriter._copy

    def spied(writer, sql):
        if ".new'" in sql:         # a file of lines written again, with other times
            rewritten.append(sql)
        return copy(writer, sql)
    monkeypatch.setattr(lines_writer.LinesWriter, "_copy", spied)
    without = tmp_path / "as-before.tar.gz"          # a bundle of an earlier collector: no collection.json
    with tarfile.open(bundle) as tar, tarfile.open(without, "w:gz") as out:
        for info in tar.getmembers():
            if not info.name.endswith("/collection.json"):
                out.addfile(info, tar.extractfile(info) if info.isfile() else None)
    writes = []
    for path in (bundle, without):
        rewritten.clear()
        with open_store(tmp_path / f"store-{len(writes)}", read_only=False) as store:
            assert not load(store, [path], strict=True).failed
            assert store.execute("SELECT count(*) FROM log_lines WHERE ts IS NULL").fetchall() == [(0,)]
        writes.append(len(rewritten))
    assert writes[0] == 0 and writes[1] >= 2       # without it: dmesg's and the messages' lines, again


def test_exclude_and_total_cap(tmp_path):
    root, bin_dir, out = fakenode.make(tmp_path)
    _, manifest, seconds = run_collector(root, bin_dir, out, "--exclude", "docker*", "--max-total-mb", "1")
    items = items_by_name(manifest)
    assert items["docker info"]["error"] == "excluded by --exclude" and seconds < 10
    assert items["iptables-save"]["bytes"] <= 1024 * 1024
    assert items["/etc/os-release"]["error"] == "skipped: total deadline or size cap reached"


# -- this machine, for real ----------------------------------------------------------

def test_collect_this_machine_and_load_it(tmp_path):
    result = sosql("collect", "--output", tmp_path, "--timeout", "10")
    assert result.returncode == 0, result.stderr
    bundle = Path(result.stdout.strip().splitlines()[-1])
    manifest = manifest_of(bundle)
    db = tmp_path / "me.duckdb"
    assert sosql("load", bundle, "--db", db).returncode == 0
    with open_store(db, read_only=True) as store:
        (host,) = store.arrow("SELECT hostname, kernel_release FROM hosts").to_pylist()
        assert host == {"hostname": socket.gethostname(), "kernel_release": os.uname().release}
        assert store.execute("SELECT count(*) FROM bundle_items").fetchall()[0][0] == len(manifest["items"])
        dmesg_ok = items_by_name(manifest)["dmesg"]["returncode"] == 0
        lines = store.execute("SELECT count(*) FROM log_lines").fetchall()[0][0]
        assert lines > 0 or not dmesg_ok


def test_total_deadline_stops_a_slow_node(tmp_path):
    root, bin_dir, out = fakenode.make(tmp_path)
    _, manifest, seconds = run_collector(root, bin_dir, out, "--timeout", "10", "--deadline", "1.5")
    items = items_by_name(manifest)
    assert items["docker info --format {{json .}}"]["error"].startswith("timed out after 1")
    assert items["docker version"]["error"] == "skipped: total deadline or size cap reached"
    assert seconds < 8


def test_output_folder_that_does_not_exist_yet_is_made(tmp_path):
    root, bin_dir, out = fakenode.make(tmp_path)
    (out / "ops").mkdir(parents=True)                  # run_collector copies the script beside the target
    target = out / "ops" / "today"                     # does not exist yet
    bundle, _, _ = run_collector(root, bin_dir, target, "--exclude", "*", "--deadline", "5")
    assert bundle.parent == target and bundle.is_file()
