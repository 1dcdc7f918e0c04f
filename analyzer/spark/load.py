"""Loading bundles on Spark's executors (`sosql load --engine spark`): the same load as with
worker processes (parallel.py), the batches parsed by executor tasks instead.

Each task runs bundle_load.ingest_batch, the code a worker process runs, writing its scratch
file and staged Parquet files into the store's staging folder, and returns its outcomes;
the driver, the store's only writer, publishes each batch with the same code as a local load
(publish.py). So the store is the same as after a DuckDB load, bundle by bundle atomic, and a
bad bundle is a row in load_errors that stops no other.

What this needs: the store folder on a file system every executor mounts (local mode, or
NFS and the like); `location` is the store's path on the executors when it is not the
driver's. Object storage cannot be written so (no rename, no DuckDB file on it). The bundles
are paths on that file system too, or URIs of object storage, which Spark lists and reads
for the tasks (remote.py).

    report = load(store, ["bundles/"], spark)
"""
import functools
import os
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path
from urllib.parse import urlparse

from sosql.errors import SosqlError, printable
from sosql.load import bundle_load, loader, parallel, publish
from sosql.spark import remote, tables
from sosql.store import lines_files

# Batches per Spark job: a job's tasks fill every core, and the next job, submitted while
# this one runs, takes the cores its last tasks free (FIFO scheduling); a job's results
# reach the driver only when all its tasks end, so two jobs in flight keep the cores busy.
WAVE = 4
IN_FLIGHT = 2
# Batches published in one transaction at the most: the driver, the store's only writer, keeps
# up with many executors by publishing a wave's batches together (publish.py).
PUBLISH_GROUP = 64


def load(store, paths, spark, location=None, progress=None, strict=False):
    """Load `paths` (paths, and URIs of object storage: remote.py) into `store`, parsed by the
    executors of `spark`; a loader.LoadReport. Ends by writing the catalog's tables as
    Parquet (tables.export), for Spark to read."""
    where = executor_path(store, location)
    jobs = spark.sparkContext.defaultParallelism
    local = [p for p in paths if not remote.is_uri(p)]
    report = loader.load(store, local, progress, strict, jobs, functools.partial(_run, spark, where, _collect)) \
        if local else loader.LoadReport()
    uris = [str(p) for p in paths if remote.is_uri(p)]
    if uris:
        found, unread, ignored = remote.expand(spark, uris)
        for uri, why in unread:
            publish.record_failure(store, report, uri, None, f"{uri}: {why}")
            if progress:
                progress(uri, "failed")
        more = loader.load(store, found, progress, strict, jobs, functools.partial(_run, spark, where, _collect_remote),
                           find=lambda found: (found, ignored))
        for name, value in vars(more).items():
            getattr(report, name).extend(value)
    tables.export(store)
    return report


def executor_path(store, location):
    """Where the executors find the store folder: the driver's path, or `location` (a path
    or a file: URI) when they mount it elsewhere."""
    return mounted(location) if location else Path(store.path).resolve()


def mounted(location):
    """The path a --store-uri for loading names; SosqlError if it is no file system's."""
    parsed = urlparse(location)
    if parsed.scheme not in ("", "file"):
        raise SosqlError(f"--store-uri {location}: load writes the store through a file system the executors mount "
                         f"(a path or file: URI), not {parsed.scheme}:// (docs/scale-out.md)")
    return Path(parsed.path if parsed.scheme else location)


def _run(spark, where, collect, store, batches, known, folder, report, jobs, progress, strict):
    """parallel._run's part, on Spark: batches go out in waves, one Spark job each (`collect`)."""
    sc = spark.sparkContext
    shared = sc.broadcast(known)        # once per executor, not once per task
    task = functools.partial(_ingest, shared, strict, str(where / lines_files.STAGING), os.getcwd())
    waves = [batches[i:i + WAVE * jobs] for i in range(0, len(batches), WAVE * jobs)]
    try:
        with ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="sosql-spark-load") as threads:
            try:
                _waves(sc, waves, collect, task, threads, store, folder, report, progress, strict)
            except BaseException:     # the store cannot be written, or ^C: the jobs out need not end
                sc.cancelAllJobs()
                raise
    finally:
        shared.destroy()


def _waves(sc, waves, collect, task, threads, store, folder, report, progress, strict):
    """Keep IN_FLIGHT jobs running; publish each wave's batches as its job ends."""
    pending = {}
    while waves or pending:
        while waves and len(pending) < IN_FLIGHT:
            wave = waves.pop(0)
            pending[threads.submit(collect, sc, wave, task)] = wave
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            _publish(store, _results(future, pending.pop(future), strict), folder, report, progress)


def _collect(sc, wave, task):
    """One Spark job: a task per batch (a partition each), their results in order."""
    return sc.parallelize(wave, len(wave)).map(task).collect()


def _collect_remote(sc, wave, task):
    """_collect for batches of archives in object storage: Spark reads them for the task."""
    return remote.read_batches(sc, wave).mapPartitionsWithIndex(
        lambda index, contents: [task(wave[index], contents)]).collect()


def _results(future, wave, strict):
    """The wave's ([Outcome], scratch part) pairs; if the job failed (an executor lost beyond
    Spark's retries), each of its bundles failed with the reason."""
    try:
        return future.result()
    except Exception as exc:
        if strict:
            raise
        reason = remote.java_message(exc)
        return [(_failed(batch, f"lost on a Spark executor: {reason}"), None) for batch in wave]


def _publish(store, results, folder, report, progress):
    """Publish a wave's batches, PUBLISH_GROUP in a transaction; a lost batch's bundles are failures."""
    for outcomes, part in results:
        if part is None:       # nothing written: the failures only
            for outcome in outcomes:
                publish.record_failure(store, report, outcome.path, None, outcome.error)
                if progress:
                    progress(outcome.given, "failed")
    # the executors' paths of the scratch files, as the driver sees them
    written = [(outcomes, str(Path(folder) / Path(part).name)) for outcomes, part in results if part is not None]
    for start in range(0, len(written), PUBLISH_GROUP):
        parallel._publish(store, written[start:start + PUBLISH_GROUP], report, progress)


def _ingest(known, strict, folder, cwd, batch, contents=None):
    """The executor's task: one batch into a scratch file, as a worker process does it; with
    `contents`, the batch's archives as Spark reads them ((URI, bytes), one at a time)."""
    parallel._start()            # one DuckDB thread per task: the executor's cores are the parallelism
    if os.path.isdir(cwd):       # paths as given, relative to the driver's directory (stored so)
        os.chdir(cwd)
    try:
        if contents is None:
            return bundle_load.ingest_batch(batch, known.value, strict, folder)
        return bundle_load.ingest_contents(batch, contents, known.value, strict, folder)
    except Exception as exc:     # the scratch itself failed (a full disk): the batch, not the job
        if strict:
            raise
        return _failed(batch, f"on {os.uname().nodename}: {type(exc).__name__}: {exc}"), None


def _failed(batch, reason):
    return [bundle_load.Outcome("failed", path, printable(path), error=f"{printable(path)}: {reason}")
            for path in batch]
