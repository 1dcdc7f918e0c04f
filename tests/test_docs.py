"""Docs are generated or checked against the code."""
import importlib.util
import re

import pytest

from sosql.read import catalog
from sosql.store import schema

from conftest import ROOT

# The docs' generator is a developer's tool beside the docs, not part of the package.
_spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "docs" / "generate.py")
docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(docs)


def test_generated_docs_are_up_to_date():
    for path, make in docs.GENERATED.items():
        assert path.read_text() == make(), f"{path.name} is stale: run python docs/generate.py"


def test_readme_quick_start_has_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_bundle_format_doc_names_every_manifest_field():
    doc = (ROOT / "docs" / "bundle-format.md").read_text()
    for field in ("format", "format_version", "collector_version", "hostname", "boot_id", "boot_time",
                  "collected_at_utc", "collected_at_local", "items", "kind", "path", "argv", "source",
                  "returncode", "duration_s", "bytes", "truncated", "sha256", "error"):
        assert f"| `{field}` |" in doc, field


def test_catalog_paths_of_our_format_are_documented_prefixes():
    layout = (ROOT / "docs" / "bundle-format.md").read_text()
    for source in catalog.SOURCES:
        for pattern in source.sosql:
            top_level = "/" not in pattern and (f"├── {pattern} " in layout or f"└── {pattern} " in layout)
            assert top_level or pattern.startswith(("commands/", "files/")), pattern


def test_every_table_column_has_a_doc():
    for table in schema.TABLES:
        assert table.doc
        assert all(c.doc for c in table.columns), table.name


def test_knowledge_coverage_names_real_rules():
    from sosql.rules import checks
    text = (ROOT / "docs" / "knowledge.md").read_text()
    named = set(re.findall(r"`([a-z0-9_]+)`", text)) - {"events_near"} - set(schema.BY_NAME)
    known = {r.id for r in checks.discover()[0]}
    assert named - known == set(), named - known                     # (docs/rules.md, generated, lists them all)
    assert len(re.findall(r"^\| \d+ \|", text, re.M)) == 25


@pytest.mark.parametrize("page", ["architecture.md", "contributing.md"])
def test_paths_the_guides_name_exist(page):
    """Every file or folder the newcomers' pages name in backquotes is there."""
    text = (ROOT / "docs" / page).read_text()
    named = {t for t in re.findall(r"`([^`\s]+)`", text)
             if "/" in t and "<" not in t and not t.startswith(("-", "sosql.", "http"))}
    assert len(named) > 10
    missing = [p for p in sorted(named) if not (ROOT / p).exists() and not list(ROOT.glob(p))]
    assert not missing, missing
