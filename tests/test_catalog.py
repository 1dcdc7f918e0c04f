"""The source catalog: every path variant of every source is found where it says, in each format."""
import fnmatch
import io
import tarfile

import pytest

from sosql import load, open_store
from sosql.read import catalog

from bundles import native_files, write_dir
from conftest import FIXTURES, SAMPLES

MARKERS = {"sosql": {"manifest.json": "manifest.json"}, "sos": {"version.txt": "sos_version.txt"},
           "insights": {"branch_info": None}}


def fixture_for(parser):
    """A parser's fixture, named after it: <parser>.txt or .json, or the first <parser>_*.txt."""
    folder = FIXTURES / "parsers"
    found = [folder / f"{parser}.txt", folder / f"{parser}.json", *sorted(folder.glob(f"{parser}_*.txt"))]
    return next((path for path in found if path.exists()), None)


def concrete(pattern):
    """A real member name for a candidate pattern."""
    name = (pattern.replace("[!f]*", "nat").replace("/*/", "/127.0.0.1-2018-07-10/")
            .replace("_-u_*", "_-u_kubelet").replace("--unit_*", "--unit_kubelet")
            .replace("dmesg-*", "dmesg-efi-1").replace("rpm_-qa*", "rpm_-qa").replace("pressure/*", "pressure/memory")
            .replace("bonding/*", "bonding/bond0").replace("net.d/*", "net.d/10-flannel.conflist")
            .replace("sar[0-9]*", "sar10").replace("_*_", "_cni-1a2b_").rstrip("*"))
    name = name.replace("sos_commands/*/", "sos_commands/kubernetes/")
    assert fnmatch.fnmatchcase(name, pattern), (name, pattern)
    return name


VARIANTS = [(s.name, fmt, pattern) for s in catalog.SOURCES for fmt in catalog.FORMATS
            for pattern in catalog.candidates(s, fmt)]


def test_every_parser_has_a_fixture_named_after_it():
    assert [p for p in sorted({s.parser for s in catalog.SOURCES}) if fixture_for(p) is None] == []


# Sources that step aside for others (`unless`), and those they step aside for: alone in a bundle.
STEPPING_ASIDE = {s.name for s in catalog.SOURCES if s.unless} | {n for s in catalog.SOURCES for n in s.unless}


def packed(variants):
    """The variants in as few bundles as can hold them without their meeting: per format, at most
    one variant of a source in a bundle, no member another source there would read too, and
    the sources of STEPPING_ASIDE alone. [(format, {variant: member})]."""
    bundles = []
    for source, fmt, pattern in variants:
        member = concrete(pattern)
        fits = [members for f, members in bundles if f == fmt and _apart(source, member, members, fmt)]
        if fits:
            fits[0][(source, fmt, pattern)] = member
        else:
            bundles.append((fmt, {(source, fmt, pattern): member}))
    return bundles


def _apart(source, member, members, fmt):
    """Whether `source`'s `member` can join a bundle of `members`: neither reads the other's files."""
    def reads(name, path):
        return any(fnmatch.fnmatchcase(path, p) for p in catalog.candidates(catalog.BY_NAME[name], fmt))
    return source not in STEPPING_ASIDE and all(
        other != source and other not in STEPPING_ASIDE and path != member
        and not reads(other, member) and not reads(source, path) for (other, _, _), path in members.items())


@pytest.fixture(scope="session")
def variant_sources(tmp_path_factory):
    """Every variant in a bundle (its format's marker, its member; variants packed a few to a
    bundle), all loaded into one store: {variant: rows of `sources` for its source in its bundle}."""
    root = tmp_path_factory.mktemp("variants")
    paths = {}
    for number, (fmt, members) in enumerate(packed(VARIANTS)):
        files = {name: (FIXTURES / "parsers" / fixture).read_text() if fixture else "{}"
                 for name, fixture in MARKERS[fmt].items()}
        for (source, _, _), member in members.items():
            files[member] = fixture_for(catalog.BY_NAME[source].parser).read_text()
            for marker in _shadowing(source, fmt, member):
                del files[marker]
        path = str(write_dir(root / f"b{number}", files))
        paths.update(dict.fromkeys(members, path))
    with open_store(root / "store", read_only=False) as store:
        report = load(store, sorted(set(paths.values())), strict=True)
        assert not report.failed, report.failed
        rows = store.arrow("SELECT b.path AS bundle, s.source, s.path, s.status FROM sources s "
                           "JOIN bundles b USING (bundle_id) WHERE s.path IS NOT NULL").to_pylist()
    return {variant: [r for r in rows if r["bundle"] == path and r["source"] == variant[0]]
            for variant, path in paths.items()}


def _shadowing(source, fmt, member):
    """The format's markers that are better candidates of `source` than `member` (ours: the
    manifest, of which collection.json is a copy): left out, `member` marks the bundle itself."""
    patterns = catalog.candidates(catalog.BY_NAME[source], fmt)
    rank = next(i for i, p in enumerate(patterns) if fnmatch.fnmatchcase(member, p))
    return [m for m in MARKERS[fmt] if any(fnmatch.fnmatchcase(m, p) for p in patterns[:rank])]


def test_variants_are_packed_into_few_bundles_each_variant_once():
    bundles = packed(VARIANTS)
    assert sorted(v for _, members in bundles for v in members) == sorted(VARIANTS)
    assert len(bundles) < len(VARIANTS) / 5


@pytest.mark.parametrize("source, fmt, pattern", VARIANTS, ids=[f"{s}:{f}:{p}" for s, f, p in VARIANTS])
def test_source_found_at_each_path_variant(variant_sources, source, fmt, pattern):
    rows = variant_sources[(source, fmt, pattern)]
    assert [r["path"] for r in rows] == [concrete(pattern)]
    assert rows[0]["status"] in ("parsed", "truncated"), rows


def test_unless_prefers_the_explicit_backend(tmp_path):
    save = (FIXTURES / "parsers" / "iptables_save.txt").read_text()
    bundle = write_dir(tmp_path / "b", native_files(extra={"commands/iptables-save": save,
                                                           "commands/iptables-legacy-save": save}))
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        assert store.arrow("SELECT DISTINCT source, backend FROM iptables_rules").to_pylist() == [
            {"source": "iptables_legacy_save", "backend": "legacy"}]


def test_nft_tables_of_iptables_nft_are_not_counted_twice(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", native_files(extra={
        "commands/iptables-nft-save": (fx / "iptables_save.txt").read_text(),
        "commands/nft_list_ruleset": (fx / "nft_ruleset.txt").read_text()}))
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        assert store.arrow("SELECT DISTINCT source, family, \"table\" FROM iptables_rules ORDER BY ALL").to_pylist() == [
            {"source": "iptables_nft_save", "family": "ipv4", "table": "filter"},
            {"source": "iptables_nft_save", "family": "ipv4", "table": "nat"},
            {"source": "nft_ruleset", "family": "inet", "table": "firewalld"}]


def test_sos_manifest_gives_return_codes_and_truncation(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 4.5.0\n", "sos_reports/manifest.json": (fx / "sos_manifest.json").read_text(),
        "sos_commands/kernel/uname_-a": (fx / "uname.txt").read_text(),
        "sos_commands/kernel/dmesg": (fx / "dmesg.txt").read_text(),
        "sos_commands/docker/docker_info": (fx / "docker_info_down.txt").read_text()})
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        got = {r["source"]: (r["status"], r["returncode"]) for r in store.arrow(
            "SELECT source, status, returncode FROM sources WHERE path IS NOT NULL").to_pylist()}
        assert got["uname"] == ("parsed", 0) and got["dmesg"] == ("truncated", 0)
        assert got["docker_info"] == ("parsed", 1)


def test_tailed_files_are_loaded_and_marked_truncated(tmp_path):
    fx = FIXTURES / "parsers"
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 3.9\n", "sos_commands/kernel/uname_-a": (fx / "uname.txt").read_text(),
        "sos_strings/logs/var.log.messages.tailed": (fx / "syslog.txt").read_text()})
    (tmp_path / "b" / "var" / "log").mkdir(parents=True)
    (tmp_path / "b" / "var" / "log" / "messages").symlink_to("../../sos_strings/logs/var.log.messages.tailed")
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        (row,) = store.arrow("SELECT path, status, rows FROM sources WHERE source = 'messages'").to_pylist()
        assert row == {"path": "sos_strings/logs/var.log.messages.tailed", "status": "truncated", "rows": 6}


def test_sos_collect_tarball_gives_one_bundle_per_node(tmp_path):
    from sosql.sample_bundles.fleet import HOSTS
    from sosql.sample_bundles.generate import sos_files, write_tar
    inner = next(SAMPLES.glob("sosreport-*.tar.xz"))
    second = tmp_path / "second.tar.xz"
    host = dict(next(h for h in HOSTS if h["fmt"] == "sos"), name="harbor-two")
    write_tar(second, "sosreport-harbor-two-20180530183000", sos_files(host), 0, "xz")
    other = second.read_bytes()
    outer = tmp_path / "sos-collector-cluster-2018-05-30.tar"
    with tarfile.open(outer, "w") as tar:
        for name, data in ((inner.name, inner.read_bytes()), ("sosreport-harbor-two-20180530183000.tar.xz", other)):
            info = tarfile.TarInfo(f"sos-collector-cluster-2018-05-30/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with open_store(tmp_path / "c.duckdb", read_only=False) as store:
        report = load(store, [outer], strict=True)
        assert len(report.loaded) == 2 and all("!" in p for p in report.loaded)
        hosts = store.arrow("SELECT hostname, b.path FROM hosts JOIN bundles b USING (bundle_id) ORDER BY 1").to_pylist()
        assert [h["hostname"] for h in hosts] == ["harbor-two", "harbortest"]
        assert hosts[1]["path"] == f"{outer}!{inner.name}"
        assert len(load(store, [outer]).skipped) == 2
