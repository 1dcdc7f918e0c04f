"""Loading bundles into the store: each bundle in its own transaction, failures recorded.

    >>> from analyzer import open_store, load
    >>> report = load(open_store("fleet.duckdb"), ["bundles/"])
    >>> report.loaded, report.skipped, report.failed

A bundle that cannot be read leaves no rows but one in `load_errors`, and the
next bundle is loaded all the same. Loading a bundle already in the store
(same content hash) changes nothing.
"""
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Tuple

from . import archive, parallel
from .errors import BundleError, SosqlError
from .ingest import Ingest, NestedBundles

# DuckDB's own memory while loading; with the parsers' (parsers/_lines.py) and Python's,
# a load stays well under 1 GB whatever the size of the logs.
LOAD_MEMORY_LIMIT = os.environ.get("SOSQL_LOAD_MEMORY", "256MB")
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2",
                    ".tar.zst", ".tzst", ".zip")


@dataclass
class LoadReport:
    loaded: List[str] = field(default_factory=list)      # bundle paths newly loaded
    skipped: List[str] = field(default_factory=list)     # already in the store
    failed: List[Tuple[str, str]] = field(default_factory=list)  # (path, one-line error)


def expand(paths):
    """The bundles named by `paths`: archives, bundle directories, and folders of them."""
    bundles = []
    for path in map(Path, paths):
        inside = []
        if path.is_dir() and not is_bundle_dir(path):
            inside = [p for p in sorted(path.iterdir())
                      if is_bundle_dir(p) or (p.is_file() and _looks_like_archive(p))]
        # A folder with no bundles in it is loaded as one, to fail with the reason.
        bundles.extend(inside or [path])
    return bundles


def is_bundle_dir(path):
    path = Path(path)
    if not path.is_dir():
        return False
    markers = ("manifest.json", "sos_commands", "version.txt")
    roots = [path] + [p for p in path.iterdir() if p.is_dir()][:1]
    return any((root / m).exists() for root in roots for m in markers)


def _looks_like_archive(path):
    return path.name.endswith(ARCHIVE_SUFFIXES) or archive.sniff(path) is not None


def load(store, paths, progress=None, strict=False, jobs=1):
    """Load every bundle named by `paths`. `progress(path, outcome)` is called after each.

    With strict=True an unexpected exception (a bug, not bad input) propagates
    instead of being recorded as that bundle's load error. With jobs > 1, bundles
    are parsed in that many worker processes (see parallel.py).
    """
    report = LoadReport()
    store.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
    # Checkpoint once at the end, not after every small bundle's commit (the WAL keeps
    # each commit durable meanwhile): 200 ms a bundle otherwise.
    store.execute("SET checkpoint_threshold = '1GB'")
    bundles = expand(paths)
    try:
        if jobs > 1 and len(bundles) > 1:
            parallel.load(store, bundles, report, min(jobs, len(bundles)), progress, strict)
        else:
            for path in bundles:
                outcome = load_one(store, path, report, strict)
                if progress:
                    progress(path, outcome)
    finally:
        store.execute("RESET memory_limit")
        store.execute("RESET checkpoint_threshold")
        store.execute("CHECKPOINT")
    return report


def load_one(store, path, report, strict):
    bundle_id = None
    try:
        if not path.exists():
            raise BundleError(path, "no such file or directory")
        bundle_id = archive.content_id(path)
        if store.has_bundle(bundle_id):
            report.skipped.append(str(path))
            return "skipped"
        with store.transaction():
            Ingest(store, path, bundle_id, strict=strict).run()
    except NestedBundles as nested:
        return _load_inner(store, path, nested.inner, report, strict)
    except SosqlError as exc:
        return record_failure(store, report, path, bundle_id, str(exc))
    except Exception as exc:  # a parser bug must not stop the other bundles
        if strict:
            raise
        return record_failure(store, report, path, bundle_id,
                       f"{path}: unexpected {type(exc).__name__}: {exc}")
    report.loaded.append(str(path))
    return "loaded"


def _load_inner(store, path, inner, report, strict):
    """Each report inside a `sos collect` tarball is a bundle of its own, named outer!inner."""
    outcomes = set()
    for name, spool in inner:
        label = f"{path}!{name}"
        with spool:
            size = spool.seek(0, 2)
            spool.seek(0)
            bundle_id = archive.content_id(spool)
            if store.has_bundle(bundle_id):
                report.skipped.append(label)
                outcomes.add("skipped")
                continue
            try:
                with store.transaction():
                    Ingest(store, label, bundle_id, lambda: archive.walk_fileobj(spool, label), size,
                           strict).run()
            except (SosqlError, NestedBundles) as exc:
                outcomes.add(record_failure(store, report, label, bundle_id, str(exc)))
                continue
            except Exception as exc:
                if strict:
                    raise
                outcomes.add(record_failure(store, report, label, bundle_id,
                                     f"{label}: unexpected {type(exc).__name__}: {exc}"))
                continue
        report.loaded.append(label)
        outcomes.add("loaded")
    return "failed" if "failed" in outcomes else "loaded" if "loaded" in outcomes else "skipped"


def record_failure(store, report, path, bundle_id, message):
    message = " ".join(message.split())
    report.failed.append((str(path), message))
    store.insert_dicts("load_errors", [{
        "bundle_id": bundle_id, "path": str(path), "member": None, "error": message,
        "occurred_at": datetime.now(timezone.utc).replace(tzinfo=None)}])
    return "failed"
