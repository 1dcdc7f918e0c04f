"""The Python daemon of Spark's executors, for sosql: PySpark's own (pyspark.daemon), with
sosql's loading code imported before it forks its first worker.

PySpark starts one daemon per executor, which forks a Python worker for each task (and keeps
idle ones a while). A worker forked from PySpark's daemon imports what its task needs itself:
for a load task, DuckDB, pyarrow, pandas (which pyarrow imports the first time it makes an
array of Python values) and the parsers, about half a second of CPU per worker. Forked from
this daemon, every worker has them already: one import per executor, as the local load's
worker processes share their forkserver's (load/parallel.py). session.SETTINGS names this module as
`spark.python.daemon.module`; the executors need sosql installed anyway (docs/scale-out.md).

PySpark imports the worker module after the fork, so that no thread runs in the daemon when
it forks. pyarrow's import starts its allocator's background thread; jemalloc's fork handlers
leave the forked worker's allocator consistent, as in the local load's forkserver.
"""
import pyspark.daemon

import sosql.load.bundle_load  # noqa: F401  (preloaded for the workers)

try:
    import pandas  # noqa: F401  (pyarrow's, preloaded)
except ImportError:
    pass

if __name__ == "__main__":
    pyspark.daemon.manager()
