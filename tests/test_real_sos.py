"""A real sos report made on this machine loads with no parser errors.

Needs Debian's sosreport package (installed by .ci/run where it can) and root.
"""
import os
import shutil
import socket
import subprocess

import pytest

from sosql import load, open_store

PLUGINS = "kernel,host,date,networking,process,dpkg,logs,systemd,release"


@pytest.mark.skipif(shutil.which("sos") is None, reason="sos is not installed (apt-get install sosreport)")
@pytest.mark.skipif(os.geteuid() != 0, reason="sos report needs root")
def test_real_sos_report_loads_without_errors(tmp_path):
    result = subprocess.run(["sos", "report", "--batch", "--tmp-dir", str(tmp_path), "-o", PLUGINS],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (archive,) = tmp_path.glob("sosreport-*.tar.xz")
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        report = load(store, [archive], strict=True)
        assert not report.failed, report.failed
        assert store.arrow("SELECT * FROM load_errors").to_pylist() == []
        assert store.arrow("SELECT source, message FROM sources WHERE status = 'error'").to_pylist() == []
        (host,) = store.arrow("SELECT hostname, kernel_release FROM hosts").to_pylist()
        assert host == {"hostname": socket.gethostname().split(".")[0], "kernel_release": os.uname().release}
        parsed = {r["source"] for r in store.arrow("SELECT source FROM sources WHERE status = 'parsed'").to_pylist()}
        assert {"uname", "hostname", "sysctl", "dmesg", "processes", "packages", "links", "addresses"} <= parsed
