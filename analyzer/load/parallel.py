"""Loading bundles in batches: worker processes parse, the loading process writes the store.

Each batch of bundles is loaded into a scratch file of its own, each bundle in its own
transaction, and each loaded bundle's lines are written to a staged Parquet file
(bundle_load.py). The loading process, the store's only writer, then copies the
batch's small-table rows into the catalog and lists the files, in one transaction
(publish.py). With jobs > 1 the batches run in that many worker processes, a few
ahead of the writer; with jobs = 1 they run in the loading process itself.
"""
import multiprocessing
import os
import shutil
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from sosql.derive.hostfacts import bundle_size
from sosql.load import bundle_load, publish
from sosql.read import reading
from sosql.store import lines_files

BATCH = 8         # bundles a worker loads into one scratch file
# With jobs = 1 no worker runs ahead of the writer, so a batch may hold more small bundles (each
# batch costs a scratch file and a publish, about 0.1 s); big ones end a batch sooner, so that
# bundles still show as loaded in good time.
ALONE_BATCH, ALONE_BATCH_BYTES = 32, 64 << 20


def load(store, paths, report, jobs, progress=None, strict=False, run=None):
    """Load `paths` into `store` with `jobs` workers; fill `report` (a loader.LoadReport).
    `run` runs the batches elsewhere instead of in worker processes (spark/load.py), with
    the same arguments as _run."""
    known = {row[0] for row in store.execute("SELECT bundle_id FROM bundles").fetchall()}
    folder = lines_files.staging(store.path)
    if jobs == 1 and run is None:
        batches = list(_by_size([str(p) for p in paths]))
    else:
        size = max(1, min(BATCH, len(paths) // (2 * jobs)))        # small loads still use every worker
        batches = [[str(p) for p in paths[i:i + size]] for i in range(0, len(paths), size)]
    (run or _run)(store, batches, known, folder, report, jobs, progress, strict)
    # Only after a load that ended well: a file listed but not yet moved (a load stopped
    # between its commit and the move) is moved by the next open (lines_files.recover).
    shutil.rmtree(folder, ignore_errors=True)


def _by_size(paths):
    """`paths` in batches of up to ALONE_BATCH bundles and about ALONE_BATCH_BYTES."""
    batch, size = [], 0
    for path in paths:
        batch.append(path)
        size += _size(path)
        if len(batch) == ALONE_BATCH or size >= ALONE_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _size(path):
    """A bundle's bytes on disk; what cannot be read counts for nothing here (the bundle's own
    load says what is wrong)."""
    try:
        return bundle_size(path) or 0
    except OSError:
        return 0


def _run(store, batches, known, folder, report, jobs, progress, strict):
    if jobs == 1:
        for batch in batches:
            _publish(store, [bundle_load.ingest_batch(batch, known, strict, folder)], report, progress)
        return
    pending = set()
    watched = reading.report is not None
    alive, held = multiprocessing.Pipe(duplex=False)      # the workers watch `alive` (_end_with)
    try:
        with ProcessPoolExecutor(jobs, mp_context=_workers_context(), initializer=_start,
                                 initargs=(folder if watched else None, alive)) as pool:
            while batches or pending:
                while batches and len(pending) < 2 * jobs:   # a few ahead: bounded disk use
                    pending.add(pool.submit(bundle_load.ingest_batch, batches.pop(0), known, strict, folder))
                done, pending = wait(pending, timeout=0.5 if watched else None, return_when=FIRST_COMPLETED)
                reading.collect(folder)
                if done:     # the batches done meanwhile, in one transaction
                    _publish(store, [future.result() for future in done], report, progress)
    finally:
        alive.close()
        held.close()


def _publish(store, batches, report, progress):
    """Publish `batches` ([([Outcome], scratch file)]) and tell `progress` how each given path ended."""
    ended = publish.publish(store, batches, report)
    if progress:
        for given in dict.fromkeys(o.given for o in ended):
            kinds = {o.kind for o in ended if o.given == given}
            progress(given, next(k for k in ("failed", "loaded", "skipped") if k in kinds))


def _workers_context():
    """Workers forked from a server process that imported the loading code once (Python's
    forkserver): N workers cost one import of sosql, DuckDB and Arrow (about 0.4 s of CPU
    each), not N. Each worker still starts in the loading process's folder. Without a
    forkserver (not on Unix) each worker starts a new interpreter (spawn).
    pandas is preloaded too: sosql does not use it, but pyarrow imports it (where installed)
    the first time it makes an array of Python values, as every parser does: 0.2 s of CPU
    per worker otherwise."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sosql.load.bundle_load", "pandas"])     # one missing is skipped
    return context


def _start(watched_folder=None, alive=None):
    if alive is not None:
        _end_with(alive)
    from sosql.parsers import _lines
    _lines._connection().execute("SET threads = 1")      # the workers are the parallelism
    bundle_load.SCRATCH_SETTINGS["threads"] = 1
    if watched_folder is not None:                       # the loading process shows how far we read
        reading.report = reading.FileReport(watched_folder)


def _end_with(alive):
    """Exit as soon as the loading process ends, however it ends (SIGKILL, the OOM killer): the
    only write end of the pipe `alive` reads is that process's, and the kernel closes it. Else
    a worker of a killed load would wait for work forever, holding the pipes that keep the
    forkserver waiting too, or write on into the staging folder the next load recovers."""
    def watch():
        try:
            alive.recv_bytes()        # nothing is ever sent: this returns at the end of file
        except (EOFError, OSError):
            pass
        os._exit(1)
    threading.Thread(target=watch, name="sosql-loader-watch", daemon=True).start()
