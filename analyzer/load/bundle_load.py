"""Loading bundles into a scratch database (scratch.py), each in its own transaction, their
log lines written straight to staged Parquet files (lines_writer.py): the part of a load
that runs in the worker processes (or in the loading process itself with --jobs 1).
publish.py then puts the scratch's rows and the files into the store.

    outcomes, part = ingest_batch(["a.tar.xz", "b/"], known=set(), strict=False, folder=staging)
"""
import contextlib
import io
import os
import uuid
from pathlib import Path
from typing import List, NamedTuple, Optional, Tuple

from sosql.errors import BundleError, SosqlError, printable
from sosql.load.ingest import Ingest, NestedBundles
from sosql.load.lines_writer import LinesWriter
from sosql.read import archive, identity, textio
from sosql.store.scratch import Scratch

# DuckDB's own memory while loading (SOSQL_LOAD_MEMORY, textio.py); with the parsers' and
# Python's, a load stays well under 1 GB whatever the size of the logs.
LOAD_MEMORY_LIMIT = textio.LOAD_MEMORY
# The DuckDB settings of each scratch this process makes. A worker process adds threads = 1
# (parallel._start): the workers are the parallelism, and a second thread each would only
# contend for the same cores (a tenth more CPU for a load of small bundles).
SCRATCH_SETTINGS = {"memory_limit": LOAD_MEMORY_LIMIT}
# Elsewhere a bundle of fewer bytes on disk is loaded on one DuckDB thread (Database.one_thread:
# a tenth less CPU for a load of small bundles).
SMALL_BUNDLE_BYTES = 8 << 20


class Outcome(NamedTuple):
    kind: str                 # loaded, skipped or failed
    given: str                # the path the user gave (progress is told per given path)
    path: str                 # the bundle: the given path, or outer!inner for a report in a sos collect
    bundle_id: Optional[str] = None
    error: Optional[str] = None
    lines: List[Tuple[str, int]] = []         # its staged Parquet files' names and rows


def ingest_batch(paths, known, strict, folder):
    """Load `paths` into a new scratch file in `folder`, skipping the bundle ids in `known`;
    return ([Outcome], the scratch file's path)."""
    with _new_scratch(folder) as (scratch, part):
        outcomes = [o for path in paths for o in _ingest(scratch, str(path), known, strict, folder)]
    return outcomes, str(part)


def ingest_contents(names, contents, known, strict, folder):
    """ingest_batch for archives read elsewhere (by Spark, from object storage): `contents`
    yields (name, bytes) for the archives of `names` (URIs), one at a time, so that one is
    held in memory at once; a name it does not yield is missing."""
    outcomes, seen = [], set()
    with _new_scratch(folder) as (scratch, part):
        for name, content in contents:
            seen.add(name)
            outcomes += _ingest_content(scratch, name, content, known, strict, folder)
            del content      # before the next archive is read: one in memory at a time
        for name in names:
            if name not in seen:
                outcomes.append(Outcome("failed", name, printable(name), error=f"{printable(name)}: no such file"))
    return outcomes, str(part)


@contextlib.contextmanager
def _new_scratch(folder):
    """(a new scratch file in `folder`, its path)."""
    part = Path(folder) / f"{uuid.uuid4().hex}.duckdb"
    with Scratch.new(part) as scratch:
        for name, value in SCRATCH_SETTINGS.items():
            scratch.execute(f"SET {name} = '{value}'")
        yield scratch, part


def _ingest_content(scratch, name, content, known, strict, folder):
    try:
        return [_inner(scratch, name, printable(name), io.BytesIO(content), known, strict, folder, top=True)]
    except NestedBundles as nested:
        return _each_report(scratch, name, nested, known, strict, folder)


def _ingest(scratch, path, known, strict, folder):
    bundle_id = None
    try:
        if not os.path.exists(path):
            raise BundleError(path, "no such file or directory")
        bundle_id = identity.content_id(path)
        if bundle_id in known or scratch.has_bundle(bundle_id):
            return [Outcome("skipped", path, printable(path), bundle_id)]
        lines = _ingest_one(scratch, bundle_id, folder, lambda lines: Ingest(scratch, path, bundle_id, strict=strict,
                                                                               lines=lines))
        return [Outcome("loaded", path, printable(path), bundle_id, lines=lines)]
    except NestedBundles as nested:
        return _each_report(scratch, path, nested, known, strict, folder)
    except SosqlError as exc:
        return [Outcome("failed", path, printable(path), bundle_id, str(exc))]
    except Exception as exc:  # a parser bug must not stop the other bundles
        if strict:
            raise
        return [Outcome("failed", path, printable(path), bundle_id,
                        f"{path}: unexpected {type(exc).__name__}: {exc}")]


def _each_report(scratch, given, nested, known, strict, folder):
    """Each report inside a `sos collect` tarball is a bundle of its own, named outer!inner."""
    return [_inner(scratch, given, f"{printable(given)}!{name}", spool, known, strict, folder)
            for name, spool in nested.inner]


def _inner(scratch, given, label, spool, known, strict, folder, top=False):
    """A bundle read from a file object: a report inside a `sos collect` tarball (named
    outer!inner), or with top=True an archive read elsewhere, which may itself be a collect
    (NestedBundles is raised for it)."""
    bundle_id = None
    with spool:
        size = spool.seek(0, 2)
        spool.seek(0)
        try:
            bundle_id = identity.content_id(spool)
            if bundle_id in known or scratch.has_bundle(bundle_id):
                return Outcome("skipped", given, label, bundle_id)
            lines = _ingest_one(scratch, bundle_id, folder, lambda lines: Ingest(
                scratch, label, bundle_id, lambda: archive.walk_fileobj(spool, label), size, strict, lines))
        except NestedBundles:
            if top:
                raise
            return Outcome("failed", given, label, bundle_id, f"{label}: a sos collect inside a sos collect")
        except SosqlError as exc:
            return Outcome("failed", given, label, bundle_id, str(exc))
        except Exception as exc:
            if strict:
                raise
            return Outcome("failed", given, label, bundle_id, f"{label}: unexpected {type(exc).__name__}: {exc}")
    return Outcome("loaded", given, label, bundle_id, lines=lines)


def _ingest_one(scratch, bundle_id, folder, ingest):
    """Run `ingest(lines)` (an Ingest writing its log lines to `lines`) in a transaction of its
    own; return the staged files, or delete them if the bundle fails."""
    lines = LinesWriter(scratch, bundle_id, folder)
    try:
        with scratch.transaction():
            job = ingest(lines)
            _fit_threads(scratch, job.size)
            job.run()
    except BaseException:
        lines.discard()
        raise
    lines.hide()
    return lines.files()


def _fit_threads(scratch, size):
    """One DuckDB thread for a small bundle, DuckDB's default for a big one (SMALL_BUNDLE_BYTES);
    a worker's scratch keeps its one."""
    scratch.one_thread("threads" in SCRATCH_SETTINGS or (size is not None and size < SMALL_BUNDLE_BYTES))
