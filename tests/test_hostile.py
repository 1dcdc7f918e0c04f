"""Hostile and broken bundles: each gets a one-line error or a clean partial load, the rest load,
and nothing is written outside the store. Every archive here is made by the test."""
import bz2
import gzip
import io
import json
import lzma
import os
import shutil
import tarfile
import zipfile

import pytest

from sosql import open_store

from conftest import SAMPLES, sosql, sosql_process

MANIFEST = json.dumps({"format": "sosql-bundle", "format_version": 1, "hostname": "h",
                       "collected_at_local": "2018-07-10T10:00:00+08:00", "items": []}).encode()
UNAME = b"Linux h 3.10.0-693.el7.x86_64 #1 SMP Tue Aug 22 21:09:27 UTC 2017 x86_64 GNU/Linux\n"


def tar_bytes(members, compress="gz"):
    """members: (name, bytes | ('symlink'|'hardlink'|'fifo'|'chr'|'dir', target))."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if isinstance(data, tuple):
                info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE,
                             "chr": tarfile.CHRTYPE, "dir": tarfile.DIRTYPE}[data[0]]
                info.linkname = data[1]
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    raw = buffer.getvalue()
    return {"gz": gzip.compress, "xz": lzma.compress, None: lambda b: b}[compress](raw)


def multi_stream(members, compress):
    """A tar compressed as two streams one after the other, as pigz, pbzip2 and pixz write."""
    raw = tar_bytes(members, compress=None)
    half = len(raw) // 2
    return b"".join({"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[compress](part)
                    for part in (raw[:half], raw[half:]))


def ours(*extra, top="sosql-h"):
    return [(f"{top}/manifest.json", MANIFEST), (f"{top}/commands/uname_-a", UNAME)] + list(extra)


CASES = {  # file name: (bytes, expected: "error" | "loaded")
    "traversal.tar.gz": (tar_bytes(ours(("../../escaped.txt", b"x"), ("/tmp/sosql-escaped-abs", b"x"),
                                        ("sosql-h/files/../../../escaped2.txt", b"x"))), "loaded"),
    "links.tar.gz": (tar_bytes([("sosql-h/manifest.json", MANIFEST),
                                ("sosql-h/commands/uname_-a", ("symlink", "/etc/passwd")),
                                ("sosql-h/commands/hostname", ("hardlink", "../../etc/shadow")),
                                ("sosql-h/files/etc/os-release", ("symlink", "../../../../../etc/os-release")),
                                ("sosql-h/files/a", ("symlink", "b")), ("sosql-h/files/b", ("symlink", "a")),
                                ("sosql-h/files/etc/hostname", ("symlink", "../../files/a"))]), "loaded"),
    "devices.tar": (tar_bytes(ours(("sosql-h/commands/dmesg", ("chr", "")), ("sosql-h/files/var/log/messages", ("fifo", ""))),
                              compress=None), "loaded"),
    "deep.tar.gz": (tar_bytes(ours(("sosql-h/files/" + "d/" * 300 + "x", b"deep"))), "loaded"),
    "truncated.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages", os.urandom(200_000))))[:30_000], "error"),
    "truncated.tar.xz": (tar_bytes(ours(("sosql-h/files/var/log/messages", os.urandom(200_000))), "xz")[:30_000], "error"),
    "truncated.tar.zst": (b"\x28\xb5\x2f\xfd" + os.urandom(500), "error"),
    "empty.tar.gz": (b"", "error"),
    "random.tar.gz": (os.urandom(4096), "error"),
    "tar-in-tar.tar": (tar_bytes([("inner.tar", tar_bytes(ours(), compress=None))], compress=None), "error"),
    "bad-manifest.tar.gz": (tar_bytes([("sosql-h/manifest.json", b"{not json"), ("sosql-h/commands/uname_-a", UNAME)]),
                            "loaded"),
    "no-manifest.tar.gz": (tar_bytes([("sosql-h/commands/uname_-a", UNAME)]), "loaded"),
    "garbage-log.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages",
                                           b"Jul 10 09:40:13 h kernel: bad \xff\xfe bytes\x00 and NUL\r\n"
                                           b"Jul 10 09:40:14 h kernel: crlf line\r\nlf line\n\rcr only\r"
                                           + os.urandom(20_000) + b"\n"))), "loaded"),
    # longer than the 10 MB a stored line is held to (test_binary_and_long_lines_are_kept_bounded)
    "long-line.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages", b"A" * (16 << 20) + b"\nJul 10 09:40:13 h kernel: after\n"))),
                         "loaded"),
    "time-travel.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages",
                                           b"2099-01-01T00:00:00+00:00 h kernel: from the future\n"
                                           b"1970-01-01T00:00:01+00:00 h kernel: from the past\n"
                                           b"Feb 30 10:00:00 h kernel: no such day\n"
                                           b"Jan  1 00:00:00 h kernel: new year\n"),
                                          ("sosql-h/commands/dmesg", b"[Thu Jan  1 00:00:00 1970] epoch\n[99999999999.0] far\n"))),
                           "loaded"),
    **{f"multi-stream.tar.{c}": (multi_stream(ours(("sosql-h/files/var/log/messages", b"Jul 10 09:40:13 h kernel: "
                                                    + b"x" * 30_000 + b"\nJul 10 09:40:14 h kernel: last line\n")), c),
                                 "loaded") for c in ("gz", "bz2", "xz")},
    "non-utf8-member.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages-\udcff\udcfe",
                                               b"Jul 10 09:40:13 h kernel: from a badly named file\n"))), "loaded"),
    # one bad source costs that source only
    "list-hostname.tar.gz": (tar_bytes([("sosql-h/manifest.json", MANIFEST.replace(b'"h"', b'["a", "b"]')),
                                        ("sosql-h/commands/uname_-a", UNAME)]), "loaded"),
    "absurd-uptime.tar.gz": (tar_bytes(ours(("sosql-h/files/proc/uptime", b"99999999999999999999.0 1.0\n"))), "loaded"),
    "cut-rotated-log.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages-20180601.gz",
                                               gzip.compress(b"Jul 10 09:40:06 h kernel: rotated\n" * 5000)[:-20]),
                                              ("sosql-h/files/var/log/messages", b"Jul 10 09:40:07 h kernel: current\n"))),
                               "loaded"),
    "absurd-printk-time.tar.gz": (tar_bytes(ours(("sosql-h/files/proc/uptime", b"3600.0 1.0\n"),
                                                 ("sosql-h/commands/dmesg", b"[10000000000000.0] far\n[    1.0] near\n"))),
                                  "loaded"),
    "twice.tar.gz": (tar_bytes(ours(("sosql-h/files/var/log/messages", b"Jul 10 09:40:06 h kernel: first\n"),
                                    ("sosql-h/files/var/log/messages", b"Jul 10 09:40:06 h kernel: second\n"))),
                     "loaded"),
    "script-host.tar.gz": (tar_bytes([("sosql-h/manifest.json", MANIFEST.replace(b'"h"', b'"<script>alert(1)</script>\\"\'"')),
                                      ("sosql-h/commands/uname_-a", UNAME)]), "loaded"),
}


def snapshot(root):
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    inputs, work = base / "in", base / "work"
    inputs.mkdir()
    work.mkdir()
    for name, (data, _) in CASES.items():
        (inputs / name).write_bytes(data)
    (inputs / "bundle.zip").write_bytes(_zip())
    good = next(SAMPLES.glob("sosql-node3-*.tar.gz"))
    shutil.copy(good, inputs / good.name)
    shutil.copy(good, inputs / "the-same-bundle-again.tar.gz")
    before = snapshot(base) | {"work/s.duckdb"}          # the store folder; inside it, anything
    # In this process (--jobs 1): the bundles are read by the same code as in a worker, without
    # starting workers (test_parallel.py and the jobs=2 case below load with workers).
    result = sosql("load", inputs, "--db", work / "s.duckdb", "--jobs", 1, cwd=work)
    return base, result, before


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("sosql-h/manifest.json", MANIFEST)
    return buffer.getvalue()


def test_no_traceback_and_one_line_per_problem(hostile_run):
    _, result, _ = hostile_run
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("sosql: error: ") for line in lines)
    assert result.returncode == 1


@pytest.mark.parametrize("name", sorted(CASES) + ["bundle.zip"])
def test_each_case_is_an_error_row_or_a_clean_load(hostile_run, name):
    base, result, _ = hostile_run
    expected = CASES.get(name, (None, "error"))[1]
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        loaded = store.execute("SELECT count(*) FROM bundles WHERE path LIKE ?", [f"%/{name}"]).fetchall()[0][0]
        errors = store.execute("SELECT error FROM load_errors WHERE path LIKE ? AND member IS NULL",
                               [f"%/{name}"]).fetchall()
        if expected == "error":
            assert loaded == 0 and len(errors) == 1 and name in errors[0][0]
            assert name in result.stderr
            bundle = store.execute("SELECT bundle_id FROM load_errors WHERE path LIKE ?", [f"%/{name}"]).fetchall()[0][0]
            for table in ("hosts", "sources", "log_lines", "events", "bundle_items"):
                assert store.execute(f"SELECT count(*) FROM {table} WHERE bundle_id = ?", [bundle]).fetchall()[0][0] == 0
        else:
            assert loaded == 1 and errors == [], errors


def test_the_good_bundle_loads_once(hostile_run):
    base, result, _ = hostile_run
    assert "1 already in the store" in result.stdout
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        assert store.execute("SELECT count(*) FROM hosts WHERE hostname = 'node3'").fetchall()[0][0] == 1


def test_nothing_written_outside_the_store(hostile_run):
    base, _, before = hostile_run
    assert {p for p in snapshot(base) - before if not p.startswith("work/s.duckdb/")} == set()
    assert not os.path.exists("/tmp/sosql-escaped-abs")


def test_links_never_leave_the_bundle(hostile_run):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        rows = store.execute("SELECT s.source, s.status, s.message FROM sources s JOIN bundles b USING (bundle_id) "
                             "WHERE b.path LIKE '%/links.tar.gz' AND s.path IS NOT NULL").fetchall()
        text = " ".join(str(r) for r in rows)
        assert "root:" not in text
        hostname = store.execute("SELECT hostname FROM hosts JOIN bundles b USING (bundle_id) "
                                 "WHERE b.path LIKE '%/links.tar.gz'").fetchall()
        assert hostname == [("h",)]          # from the manifest, not from /etc via the links


def test_binary_and_long_lines_are_kept_bounded(hostile_run):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        longest, after = store.execute(
            "SELECT max(length(raw)), count(*) FILTER (message = 'after') FROM log_lines l JOIN bundles b "
            "USING (bundle_id) WHERE b.path LIKE '%/long-line.tar.gz'").fetchall()[0]
        assert longest <= 10 << 20 and after == 1
        lines = store.execute("SELECT message FROM log_lines l JOIN bundles b USING (bundle_id) "
                              "WHERE b.path LIKE '%/garbage-log.tar.gz' ORDER BY line_no").fetchall()
        assert lines[0][0].startswith("bad \ufffd\ufffd bytes") and lines[1][0] == "crlf line"


@pytest.mark.parametrize("name, source, message", [
    ("list-hostname.tar.gz", "manifest", "manifest.json: hostname is a list, not a string"),
    ("absurd-uptime.tar.gz", "uptime", "uptime of 100000000000000000000 s is over 100 years"),
    ("cut-rotated-log.tar.gz", "messages", "compressed file is corrupt or cut short"),
])
def test_one_bad_source_costs_only_that_source(hostile_run, name, source, message):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        rows = store.execute("SELECT s.source, s.status, s.message FROM sources s JOIN bundles b USING (bundle_id) "
                             "WHERE b.path LIKE ? AND s.status <> 'missing' ORDER BY 1", [f"%/{name}"]).fetchall()
        kernel = store.execute("SELECT kernel_release FROM hosts JOIN bundles b USING (bundle_id) WHERE b.path LIKE ?",
                               [f"%/{name}"]).fetchall()
    errors = [(s, m) for s, status, m in rows if status == "error"]
    assert len(errors) == 1 and errors[0][0] == source and errors[0][1].startswith(message)
    assert ("uname", "parsed", None) in rows and kernel == [("3.10.0-693.el7.x86_64",)]


def test_a_member_twice_in_the_archive_loads_once_with_a_note(hostile_run):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        lines = store.execute("SELECT message FROM log_lines JOIN bundles b USING (bundle_id) "
                              "WHERE b.path LIKE '%/twice.tar.gz'").fetchall()
        notes = store.execute("SELECT member, error FROM load_errors WHERE path LIKE '%/twice.tar.gz'").fetchall()
    assert lines == [("first",)]
    assert notes == [("files/var/log/messages", "is in the archive twice: the first copy was loaded")]


def test_multi_stream_archives_are_read_to_the_end(hostile_run):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        rows = store.execute("SELECT b.path, count(*) FILTER (message = 'last line'), max(h.kernel_release) "
                             "FROM log_lines l JOIN bundles b USING (bundle_id) JOIN hosts h USING (bundle_id) "
                             "WHERE b.path LIKE '%multi-stream%' GROUP BY 1 ORDER BY 1").fetchall()
    assert [(r[0].rsplit("/", 1)[1], r[1], r[2]) for r in rows] == [
        (f"multi-stream.tar.{c}", 1, "3.10.0-693.el7.x86_64") for c in ("bz2", "gz", "xz")]


def test_decompression_bomb_stops_at_the_cap(tmp_path):
    bomb = tar_bytes(ours(("sosql-h/files/var/log/messages", bytes(100 << 20))))
    assert len(bomb) < 1 << 20
    (tmp_path / "bomb.tar.gz").write_bytes(bomb)
    env = {"SOSQL_MAX_BUNDLE_BYTES": str(10 << 20)}      # read when sosql starts: a process of its own
    result = sosql_process("load", tmp_path / "bomb.tar.gz", "--db", tmp_path / "b.duckdb", env={**os.environ, **env})
    assert result.returncode == 1 and "more than 10485760 bytes of decompressed data" in result.stderr
    with open_store(tmp_path / "b.duckdb", read_only=True) as store:
        assert store.execute("SELECT count(*) FROM log_lines").fetchall()[0][0] == 0


def test_a_member_name_that_is_not_utf8_is_kept_escaped(hostile_run):
    base, _, _ = hostile_run
    with open_store(base / "work" / "s.duckdb", read_only=True) as store:
        rows = store.execute("SELECT l.path, l.message FROM log_lines l JOIN bundles b USING (bundle_id) "
                             "WHERE b.path LIKE '%/non-utf8-member.tar.gz'").fetchall()
    assert rows == [("files/var/log/messages-\\xff\\xfe", "from a badly named file")]


def test_case_folder_of_trees_archives_and_notes(tmp_path):
    """A support case folder: every tree and archive in it loads, in order; the rest is named."""
    case = tmp_path / "case-1234"
    good = next(SAMPLES.glob("sosql-node3-*.tar.gz"))
    for name, host in (("sosreport-a", "alpha"), ("node-b/sosreport-b", "beta")):
        tree = case / name
        (tree / "sos_commands" / "host").mkdir(parents=True)
        (tree / "version.txt").write_text("sosreport: 4.2\n")
        (tree / "sos_commands" / "host" / "hostname").write_text(host + "\n")
    shutil.copy(good, case / good.name)
    (case / "notes.txt").write_text("customer says it hangs\n")
    (case / ".DS_Store").write_bytes(b"\0\1")                     # passed over without a note
    (case / "gather.py").write_text("print('hi')\n")
    bad_name = os.fsdecode(b"renamed-\xff.tar.gz")
    shutil.copy(good, case / bad_name)
    (case / bad_name).write_bytes((case / good.name).read_bytes() + b"\0" * 1024)   # another content id
    result = sosql("load", case, "--db", tmp_path / "s.duckdb", "--jobs", 1)
    assert result.returncode == 0, result.stderr
    assert "loaded 4 bundle(s)" in result.stdout
    assert result.stderr.strip() == f"sosql: note: not a bundle, ignored: {case / 'notes.txt'}"
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        rows = store.execute("SELECT h.hostname, b.path FROM hosts h JOIN bundles b USING (bundle_id) "
                             "ORDER BY b.path").fetchall()
    assert [r[0] for r in rows] == ["beta", "node3", "node3", "alpha"]
    assert rows[1][1].endswith("renamed-\\xff.tar.gz")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_folder_changed_since_its_load_replaces_its_earlier_copy(tmp_path, jobs):
    from sosql import load

    from bundles import native_files, write_dir
    folder = write_dir(tmp_path / "node", native_files(messages="Jul 10 09:40:06 n kernel: before\n"))
    other = write_dir(tmp_path / "other", native_files(hostname="other"))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [folder, other], jobs=jobs)
        (folder / "files/var/log/messages").write_text("Jul 10 09:40:06 n kernel: after\n")
        report = load(store, [folder, other], jobs=jobs)
        assert report.replaced == [str(folder)] and report.skipped == [str(other)]
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(2,)]
        assert store.execute("SELECT message FROM log_lines JOIN hosts USING (bundle_id) "
                             "WHERE hosts.hostname = 'testnode'").fetchall() == [("after",)]
        orphans = store.execute("SELECT count(*) FROM sources WHERE bundle_id NOT IN "
                                "(SELECT bundle_id FROM bundles)").fetchall()
    assert orphans == [(0,)]


def test_a_full_disk_is_one_line_and_the_store_stays_usable(tmp_path):
    """The file size limit stands in for a full disk: writes fail with an I/O error. (The store's
    catalog outgrows 1 MB at the load's checkpoint already with one bundle.)"""
    import re
    import resource
    import signal

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
    db, folder = tmp_path / "s.duckdb", tmp_path / "bundles"
    folder.mkdir()
    bundles = sorted(SAMPLES.glob("sosql-node*.tar.gz"))[:4]
    for bundle in bundles[:3]:
        shutil.copy(bundle, folder)
    result = sosql_process("load", folder, "--db", db, "--jobs", 1, preexec_fn=small_disk)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    kept = int(re.fullmatch(r"sosql: error: .*s\.duckdb: writing the store failed \(.*\); "
                            r"the bundles loaded before are kept: (\d+)", line).group(1))
    with open_store(db, read_only=False) as store:
        assert store.execute("SELECT count(*) FROM bundles").fetchall() == [(kept,)]
    shutil.copy(bundles[3], folder)                   # one more: the store takes new bundles again
    again = sosql("load", folder, "--db", db, "--jobs", 1)
    assert again.returncode == 0 and f"loaded {4 - kept} bundle(s), {kept} already in the store" in again.stdout


def test_sos_collection_problems_are_recorded(tmp_path):
    from sosql import load
    from sosql.rules import checks
    tree = tmp_path / "sosreport-h"
    for name, text in {"version.txt": "sosreport: 4.2\n", "sos_commands/host/hostname": "h\n",
                       "sos_commands/kernel/sysctl_-a": "timeout: failed to run command 'sysctl': No such file\n",
                       "sos_commands/networking/ip_-o_addr": "1: lo    inet 127.0.0.1/8 scope host lo\n",
                       "sos_logs/ui.log": " Plugin networking timed out\n",
                       "sos_logs/sos.log": "[plugin:kernel] command 'lsof -b +M -n -l' timed out after 300s\n"}.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text)
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [tree], strict=True)
        rows = dict(store.execute("SELECT source, status || ': ' || message FROM sources "
                                  "WHERE source IN ('sysctl', 'addresses')").fetchall())
        checks.run(store, checks.select(checks.discover()[0], only=["sos_plugin_timeouts"]))
        evidence = store.execute("SELECT evidence FROM findings").fetchall()
    assert rows["sysctl"].startswith("error: the command did not run: timeout: failed to run command 'sysctl'")
    assert rows["addresses"].endswith("sos plugin networking timed out")
    assert evidence == [("plugin kernel: command 'lsof -b +M -n -l' timed out\nplugin networking timed out",)]
