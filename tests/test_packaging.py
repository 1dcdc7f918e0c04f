"""The wheel carries everything a user needs under one import name, `sosql`; the console script
is `sosql`; the build is quiet."""
import subprocess
import sys
import zipfile

from conftest import ROOT

# source folder -> where its files land in the wheel (pyproject.toml's package-dir)
FOLDERS = {"analyzer": "sosql", "collectors": "sosql/collectors", "reports": "sosql/reports",
           "sample_bundles": "sosql/sample_bundles"}
SHIPPED = (".py", ".sql", ".csv", ".tsv", ".properties", ".j2", ".css", ".tar.gz", ".tar.xz")


def _source_files():
    for folder, inside in FOLDERS.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.name.endswith(SHIPPED) and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT / folder).as_posix()
                if folder == "analyzer" and rel.split("/")[0] in ("collectors", "reports", "sample_bundles"):
                    continue
                yield f"{inside}/{rel}"


def test_wheel_ships_every_source_file_under_one_namespace_and_builds_quietly(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, text=True, timeout=300)
    assert "Warning" not in built.stderr         # no data folder taken for a package, no deprecated license table
    (wheel,) = tmp_path.glob("sosql-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {n.split("/")[0] for n in names} == {"sosql", wheel.name.split("-py3")[0] + ".dist-info"}
    missing = sorted(set(_source_files()) - names)
    assert not missing, f"not in the wheel (add the package to pyproject.toml): {missing[:5]}"
    assert "sosql/rules/kernel/soft_lockup.sql" in names and "sosql/reports/templates/report.css" in names
    assert not any("generate.py" in n and "sample_bundles" not in n for n in names)   # docs' tool stays out
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "sosql = sosql.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
