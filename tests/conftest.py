import fcntl
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sosql.spark.session import SETTINGS as SPARK_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = ROOT / "sample_bundles"
CORPUS = ROOT.parent / "shared" / "corpus"

requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
NO_SPARK = ("PySpark is not installed" if importlib.util.find_spec("pyspark") is None
            else "no Java to run Spark" if not (os.environ.get("JAVA_HOME") or shutil.which("java")) else None)
needs_spark = pytest.mark.skipif(NO_SPARK is not None, reason=NO_SPARK or "")


def fixture_text(name):
    return (FIXTURES / "parsers" / name).read_text()


@pytest.fixture
def store(tmp_path):
    from sosql import open_store
    with open_store(tmp_path / "test.duckdb", read_only=False) as s:
        yield s


@pytest.fixture
def scratch(tmp_path):
    """A scratch database (every table real, log_lines too), as a load parses a bundle into:
    for tests that put rows in by hand and run one step (events.classify, timestamps.fill)."""
    from sosql.store.scratch import Scratch
    with Scratch.new(tmp_path / "scratch.duckdb") as s:
        yield s


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory):
    """The sample fleet loaded and checked once per test run (a copy for this test process)."""
    return _built_once(tmp_path_factory, "samples", [SAMPLES])


def _built_once(tmp_path_factory, name, paths):
    """A store of `paths`, loaded and checked once per test run; its folder copied for each test
    process (pytest-xdist's workers share the run's temporary folder)."""
    path = tmp_path_factory.mktemp(name) / f"{name}-store"
    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else path.parent
    with open(shared / f"{name}-store.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # the first process builds it, the others wait
        built = shared / f"{name}-store-built"
        if not built.exists():
            _build_store(shared / f"{name}-store.tmp", paths)
            os.replace(shared / f"{name}-store.tmp", built)
    shutil.copytree(built, path)
    return path


def _build_store(path, paths):
    from sosql import load, open_store
    from sosql.rules import checks
    with open_store(path, read_only=False) as s:
        report = load(s, paths, strict=True)
        assert not report.failed, report.failed
        assert checks.run(s, checks.discover()[0]).errors == []
        s.checkpoint()


@pytest.fixture(scope="session")
def sample_store(sample_store_path):
    """The sample fleet's store, open for the whole session (read it, don't write)."""
    from sosql import open_store
    with open_store(sample_store_path, read_only=False) as s:
        yield s


def corpus_bundle(store, tree):
    """The bundle id of a corpus tree ("sos/hotsos-openstack", a CORPUS_TREES entry) in corpus_store."""
    (bundle_id,), = store.execute("SELECT bundle_id FROM bundles WHERE path = ?", [str(CORPUS / tree)]).fetchall()
    return bundle_id


CORPUS_TREES = [CORPUS / "sos" / "hotsos-kubernetes", CORPUS / "sos" / "hotsos-openstack", CORPUS / "insights" / "rhel7"]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """The corpus's real sos trees and insights archive, loaded and checked once per test run
    (read it, don't write)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    from sosql import open_store
    with open_store(_built_once(tmp_path_factory, "corpus", CORPUS_TREES), read_only=False) as s:
        yield s


# The tests' data is tiny: compiling code for each query costs Spark more than it saves, and
# one shuffle partition is plenty. The JVM lives a minute or two: its quick compiler alone and
# one GC thread spend about half the CPU of its defaults (time the other test process gets).
# It loads some 20,000 classes from Spark's jars: not verifying their bytecode again saves
# about 3 s of its CPU (the JVM's sun.cls.classVerifyTime and classLinkedTime counters).
# The results are the same (the settings change how, not what).
SMALL_DATA = {"spark.sql.codegen.wholeStage": "false", "spark.sql.codegen.factoryMode": "NO_CODEGEN",
              "spark.sql.shuffle.partitions": "1", "spark.sql.adaptive.enabled": "false",
              "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                                               "-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote "
                                               + SPARK_SETTINGS["spark.driver.extraJavaOptions"]}


@pytest.fixture(scope="session")
def spark_engine():
    """One local[2] Spark session for every test that needs one: each start takes seconds."""
    if NO_SPARK:
        pytest.skip(NO_SPARK)
    from sosql.spark.engine import SparkEngine
    started = SparkEngine(master="local[2]", settings=SMALL_DATA)
    yield started
    started.stop()


@pytest.fixture
def sample_store_copy(sample_store_path, tmp_path):
    """A copy of the sample fleet's store folder, loaded and checked, for a test to write to."""
    copy = tmp_path / "samples-store"
    shutil.copytree(sample_store_path, copy, ignore=shutil.ignore_patterns("*.lock", "*.pid"))
    return copy


@dataclass
class Ran:
    """What a command did: its exit code and what it printed."""
    returncode: int
    stdout: str
    stderr: str


def sosql(*args, cwd=None):
    """Run a `sosql` command in this process (typer's CliRunner), as the console script would:
    exit code, stdout and stderr apart. Tests where a real process is the point use
    sosql_process."""
    from typer.testing import CliRunner

    from sosql.cli import app
    previous = os.getcwd()
    os.chdir(cwd or previous)
    try:
        result = CliRunner().invoke(app, [str(a) for a in args])
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def sosql_process(*args, cwd=None, **options):
    """Run the installed console script in a process of its own, as a user would."""
    exe = shutil.which("sosql", path=str(Path(sys.executable).parent)) or "sosql"
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300, **options)



# Modules that take longest (3 s or more), measured with --durations, longest first: they start
# first, and the short ones fill in after them, so that the test processes end about together
# (a long module last would leave the other process idle). Only the order changes.
LONGEST_FIRST = ("spark", "test_rule_cases", "test_reports", "test_hostile", "test_redact", "test_store_equivalence",
                 "test_style", "test_memory", "test_crash_safety", "test_store_folder", "test_cli", "test_collector",
                 "test_end_to_end", "test_summary", "test_real_sos", "test_events", "test_catalog", "test_rules",
                 "test_parser_properties", "test_api")


def _group(nodeid):
    """The test process's unit of work for a test: its module; the Spark modules are one, so
    that their process starts Spark once."""
    module = Path(nodeid.split("::", 1)[0]).stem
    return "spark" if module.startswith("test_spark") else module


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(_group(item.nodeid), len(rank)))     # stable: modules stay whole


@pytest.hookimpl(optionalhook=True)      # pytest-xdist's hook: without xdist (-p no:xdist), unused
def pytest_xdist_make_scheduler(config, log):
    """With --dist loadfile (`make test`), each process takes whole groups (_group)."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return _group(nodeid)
    return ByGroup(config, log)
