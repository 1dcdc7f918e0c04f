"""Loading bundles into the store: each bundle in its own transaction, failures recorded.

    >>> from sosql import open_store, load
    >>> report = load(open_store("fleet-store"), ["bundles/"])
    >>> report.loaded, report.skipped, report.failed

A bundle that cannot be read leaves no rows but one in `load_errors`, and the
next bundle is loaded all the same. Loading a bundle already in the store
(same content hash) changes nothing.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Tuple

import duckdb

from sosql.errors import SosqlError, StoreError, printable
from sosql.load import parallel
from sosql.load.bundle_load import LOAD_MEMORY_LIMIT  # noqa: F401 (the API)
from sosql.read import archive, textio
from sosql.store.database import first_line

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2",
                    ".tar.zst", ".tzst", ".zip")


@dataclass
class LoadReport:
    loaded: List[str] = field(default_factory=list)      # bundle paths newly loaded
    skipped: List[str] = field(default_factory=list)     # already in the store
    failed: List[Tuple[str, str]] = field(default_factory=list)  # (path, one-line error)
    ignored: List[str] = field(default_factory=list)     # what folders held that is no bundle
    replaced: List[str] = field(default_factory=list)    # paths loaded again with new content


def expand(paths):
    """The bundles named by `paths`: archives, bundle directories, and folders of them."""
    return discover(paths)[0]


def discover(paths):
    """(bundles, ignored) for `paths`: each archive or bundle directory named, and in each
    folder that is not a bundle by its own content, the bundles it holds (in sorted order,
    also through one level of wrapper folders, as a support case folder has them);
    `ignored` lists what such folders held that is no bundle."""
    bundles, ignored = [], []
    for path in map(Path, paths):
        if not path.is_dir() or is_bundle_dir(path):
            bundles.append(path)
            continue
        # A folder with no bundles in it is loaded as one, to fail with the reason.
        bundles.extend(_bundles_in(path, ignored) or [path])
    return bundles, ignored


def _bundles_in(folder, ignored, depth=2):
    found = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith((".", "__")) or child.suffix == ".py":
            continue         # hidden files, caches and scripts are no bundles, and worth no note
        inside, skipped = [], []
        if is_bundle_dir(child) or (child.is_file() and _looks_like_archive(child)):
            found.append(child)
        elif child.is_dir() and depth > 1 and not child.is_symlink():
            inside = _bundles_in(child, skipped, depth - 1)
        found.extend(inside)
        if not inside and child not in found:
            ignored.append(child)
        elif inside:
            ignored.extend(skipped)
    return found


BUNDLE_MARKERS = ("manifest.json", "sos_commands", "version.txt", "insights_commands", "branch_info")


def is_bundle_dir(path):
    """A directory that is a bundle by its own content: our manifest, sos's or insights' folders."""
    path = Path(path)
    return path.is_dir() and any((path / m).exists() for m in BUNDLE_MARKERS)


def _looks_like_archive(path):
    return path.name.endswith(ARCHIVE_SUFFIXES) or archive.sniff(path) is not None


def load(store, paths, progress=None, strict=False, jobs=1, run=None, find=discover):
    """Load every bundle named by `paths`. `progress(path, outcome)` is called after each.

    With strict=True an unexpected exception (a bug, not bad input) propagates
    instead of being recorded as that bundle's load error. With jobs > 1, bundles
    are parsed in that many worker processes (see parallel.py); `run` parses them elsewhere
    (parallel.load's `run`: on Spark's executors, spark/load.py). `find(paths)` gives the
    bundles and what is ignored (discover; Spark lists object storage itself).
    """
    if textio.size_bytes(textio.LOAD_MEMORY) is None:
        raise SosqlError(f"SOSQL_LOAD_MEMORY={textio.LOAD_MEMORY!r} is not a size: write it as DuckDB does, "
                         "e.g. 256MB or 1GiB")
    report = LoadReport()
    # Checkpoint once at the end, not after every batch's commit (the WAL keeps each
    # commit durable meanwhile).
    store.execute("SET checkpoint_threshold = '1GB'")
    bundles, ignored = find(paths)
    report.ignored += [printable(p) for p in ignored]
    try:
        parallel.load(store, bundles, report, max(1, min(jobs, len(bundles))), progress, strict, run)
        store.execute("RESET checkpoint_threshold")
        store.checkpoint()
    except (duckdb.Error, OSError) as exc:     # the store itself cannot be written: a full disk, an I/O error
        raise StoreError(f"{store.path}: writing the store failed ({first_line(exc)}); the bundles loaded "
                         f"before are kept: {len(report.loaded)}") from exc
    return report
