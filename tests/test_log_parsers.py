"""The log parsers: syslog-format and dmesg text into log_lines columns."""
import gzip
import io
import os

from sosql import parsers
from sosql.read import textio

from conftest import SAMPLES, fixture_text, sosql


def parse_all(parser, text, chunk_bytes=1 << 20):
    chunks = ((first, piece) for first, piece, _ in textio.line_chunks(io.BufferedReader(io.BytesIO(text.encode())), chunk_bytes))
    rows = []
    for table in parsers.get(parser).parse(chunks):
        rows.extend(table.to_pylist())
    return rows


def test_syslog_fields():
    rows = {r["line_no"]: r for r in parse_all("syslog", fixture_text("syslog.txt"))}
    assert 5 not in rows                                   # blank line skipped, numbering kept
    first = rows[1]
    assert (first["ts_raw"], first["hostname"], first["program"], first["pid"], first["message"]) == (
        "Jul 10 09:40:06", "node5", "kernel", None, "connection4:0: detected conn error (1022)")
    assert not first["raw"].endswith("\r")
    assert rows[2]["uptime_s"] == 0.0 and rows[2]["message"] == "Linux version 5.4.0-99-generic"
    assert rows[3]["ts_raw"] == "Jun  7 05:19:34" and rows[3]["program"] == "kubelet"
    assert (rows[4]["ts_raw"], rows[4]["program"], rows[4]["pid"]) == ("2022-02-11T18:58:28.123456+00:00", "systemd", 1)
    assert rows[6]["ts_raw"] is None and rows[6]["message"].startswith("-- Logs begin")
    assert rows[7]["program"] == "etcd" and "took too long (5.248197799s)" in rows[7]["message"]


def test_dmesg_fields():
    rows = parse_all("dmesg", fixture_text("dmesg.txt"))
    assert [r["uptime_s"] for r in rows] == [0.0, 5024612.104223, 12.345678, None, None]
    assert rows[1]["message"] == "NMI watchdog: BUG: soft lockup - CPU#1 stuck for 21s! [khugepaged:32]"
    assert rows[3]["ts_raw"] == "Mon Jul 10 09:40:13 2017"
    assert rows[4]["message"] == "  continuation without a stamp"
    assert {r["program"] for r in rows} == {"kernel"}


def test_chunk_boundaries_keep_every_line_and_number():
    text = "".join(f"Jul 10 09:40:{i % 60:02d} node5 app[{i}]: line {i}\n" for i in range(1, 5001))
    rows = parse_all("syslog", text, chunk_bytes=4096)
    assert [r["line_no"] for r in rows] == list(range(1, 5001))
    assert all(r["message"] == f"line {r['line_no']}" and r["pid"] == r["line_no"] for r in rows)


def test_the_read_size_is_a_32nd_of_the_load_memory_budget():
    """SOSQL_LOAD_MEMORY, written as DuckDB writes sizes, also sets the read size (1 MB at least)."""
    assert [textio.size_bytes(t) for t in ("256MB", "1GiB", " 64 mb ", "1.5GB", "100", "1TB")] == [
        256_000_000, 1 << 30, 64_000_000, 1_500_000_000, 100, 10**12]
    assert textio.size_bytes("lots") is None
    assert [textio.read_size(b) for b in ("256MB", "128MB", "1GB", "8MB", "lots")] == [
        8_000_000, 4_000_000, 8 << 20, 1 << 20, 8_000_000]
    assert textio.CHUNK_BYTES == textio.read_size(os.environ.get("SOSQL_LOAD_MEMORY", "256MB"))


def test_a_load_memory_budget_that_is_no_size_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "LOAD_MEMORY", "lots")        # as SOSQL_LOAD_MEMORY=lots sets it
    result = sosql("load", SAMPLES / "sosql-node3-20180710T020200Z.tar.gz", "--db", tmp_path / "store")
    assert result.returncode == 1
    assert result.stderr == "sosql: error: SOSQL_LOAD_MEMORY='lots' is not a size: write it as DuckDB does, " \
                            "e.g. 256MB or 1GiB\n"


def test_gzip_member_read_transparently():
    data = gzip.compress(b"line one\nline two")
    pieces = list(textio.line_chunks(io.BufferedReader(io.BytesIO(data))))
    lines = [(first + i, line) for first, text, _ in pieces for i, line in enumerate(text.split("\n"))]
    assert lines == [(1, "line one"), (2, "line two")]


def test_undecodable_bytes_become_replacement_characters():
    raw = io.BufferedReader(io.BytesIO(b"[    1.000000] bad \xff byte\x00 nul\n"))
    (first, text, nbytes), = textio.line_chunks(raw)
    assert text == "[    1.000000] bad \ufffd byte\x00 nul" and nbytes == 31


def test_utf16_logs_are_decoded():
    text = "[    1.000000] Linux version 5.4.0\n[    2.500000] Kernel panic - not syncing: VFS\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be"),
                 gzip.compress(text.encode("utf-16"))):
        pieces = list(textio.line_chunks(io.BufferedReader(io.BytesIO(data)), chunk_bytes=7))
        rows = [r for first, piece, _ in pieces for r in parsers.get("dmesg").parse([(first, piece)])]
        messages = [m for table in rows for m in table.column("message").to_pylist()]
        assert messages == ["Linux version 5.4.0", "Kernel panic - not syncing: VFS"]
    raw = io.BufferedReader(io.BytesIO("DISTRIB_ID=Ubuntu\n".encode("utf-16")))
    assert textio.read_text(raw)[0] == "DISTRIB_ID=Ubuntu\n"


def test_dmesg_lines_in_a_syslog_file_are_kernel_lines():
    """A kern.log written by dmesg or a console: no syslog head, a printk time. Each line is
    read as dmesg reads it; syslog lines and lines of no known shape around it are unchanged."""
    text = ("[27742.909353] Out of memory: Killed process 955 (gnome-shell)\n"
            "<6>[   12.345678][ T5855] <4>e1000: eth0 NIC Link is Up\n"
            "Jul 10 09:40:06 node5 kernel: [    1.500000] Linux version 5.4.0-99-generic\n"
            "[drm] Initialized\n"
            "  continuation without a stamp\n")
    rows = parse_all("syslog", text)
    assert [(r["program"], r["uptime_s"], r["ts_raw"], r["hostname"]) for r in rows] == [
        ("kernel", 27742.909353, None, None), ("kernel", 12.345678, None, None),
        ("kernel", 1.5, "Jul 10 09:40:06", "node5"), (None, None, None, None), (None, None, None, None)]
    assert [r["message"] for r in rows] == [
        "Out of memory: Killed process 955 (gnome-shell)", "e1000: eth0 NIC Link is Up",
        "Linux version 5.4.0-99-generic", "[drm] Initialized", "  continuation without a stamp"]
