"""Loading one bundle (or the reports of a sos collect tarball) in its own transaction, and
recording a bundle that failed. Shared by the sequential loader (loader.py) and the
parallel one (parallel.py), which runs the nested and failed cases in the writer.
"""
import os
from datetime import datetime, timezone

from . import archive
from .errors import BundleError, SosqlError, printable
from .ingest import Ingest, NestedBundles

# DuckDB's own memory while loading; with the parsers' (parsers/_lines.py) and Python's,
# a load stays well under 1 GB whatever the size of the logs.
LOAD_MEMORY_LIMIT = os.environ.get("SOSQL_LOAD_MEMORY", "256MB")


def load_one(store, path, report, strict):
    bundle_id = None
    try:
        if not path.exists():
            raise BundleError(path, "no such file or directory")
        bundle_id = archive.content_id(path)
        if store.has_bundle(bundle_id):
            report.skipped.append(printable(path))
            return "skipped"
        with store.transaction():
            Ingest(store, path, bundle_id, strict=strict).run()
            if store.replace_older(bundle_id):
                report.replaced.append(printable(path))
    except NestedBundles as nested:
        return _load_inner(store, path, nested.inner, report, strict)
    except SosqlError as exc:
        return record_failure(store, report, path, bundle_id, str(exc))
    except Exception as exc:  # a parser bug must not stop the other bundles
        if strict:
            raise
        return record_failure(store, report, path, bundle_id,
                       f"{path}: unexpected {type(exc).__name__}: {exc}")
    report.loaded.append(printable(path))
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
    message, path = printable(" ".join(message.split())), printable(path)
    report.failed.append((path, message))
    store.insert_dicts("load_errors", [{
        "bundle_id": bundle_id, "path": str(path), "member": None, "error": message,
        "occurred_at": datetime.now(timezone.utc).replace(tzinfo=None)}])
    return "failed"
