"""The wheel carries everything a user needs; the console script is `sosql`."""
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_contents_and_a_quiet_build(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, text=True, timeout=300)
    assert "Warning" not in built.stderr         # no data folder taken for a package, no deprecated license table
    (wheel,) = tmp_path.glob("sosql-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("analyzer/cli.py", "analyzer/event_patterns.tsv", "analyzer/rules/kernel/soft_lockup.sql",
                   "analyzer/rules/network/bridge_nf_call_iptables_disabled.sql", "analyzer/parsers/syslog.py",
                   "reports/templates/report.html.j2", "reports/templates/report.css", "collectors/__init__.py",
                   "sample_bundles/generate.py"):
        assert needed in names, needed
    assert any(n.startswith("sample_bundles/sosreport-") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "sosql = analyzer.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
