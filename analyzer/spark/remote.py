"""Bundles in object storage (`s3a://`, `gs://`, `abfs://`, `hdfs://`…): found and read through
Spark's own (Hadoop) file systems, with the cluster's credentials and settings.

The driver lists what a URI names (an archive, or a folder of them, two levels down, as
`sosql load` looks into folders); a Spark job reads each batch's archives (`binaryFiles`,
one partition a batch) and its task parses them from memory (bundle_load.ingest_contents)
into the store's staging folder, as a task does for bundles on a shared file system. What
object storage holds are archives: an unpacked bundle folder there is no bundle.

    found, unread, ignored = expand(spark, ["s3a://cases/fleet/"])
"""
import re

from sosql.load.loader import ARCHIVE_SUFFIXES

URI = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://")
DEPTH = 2          # folder levels looked into, as a local load looks into a case folder


def is_uri(given):
    """A bundle named by a URI Spark reads (not a local path, nor a file: URI, which is one)."""
    found = URI.match(str(given))
    return bool(found) and found.group(1).lower() != "file"


def expand(spark, uris):
    """(archives found, [(URI, why it cannot be read)], what folders held that is no archive),
    each URI fully qualified, as Spark's file systems name it."""
    hadoop = _Hadoop(spark)
    found, unread, ignored = [], [], []
    for uri in map(str, uris):
        try:
            status = hadoop.status(uri)
            if status is None:
                unread.append((uri, "no such file or directory"))
            elif not status.isDirectory():
                found.append(status.getPath().toString())
            else:
                found += _archives_in(hadoop, status.getPath(), ignored, DEPTH)
        except Exception as exc:         # Py4J's: no file system for the scheme, no credentials…
            unread.append((uri, f"cannot read it: {java_message(exc)}"))
    return found, unread, ignored


def java_message(exc):
    """Py4J's own first line says only which call failed; the Java message says why."""
    java = getattr(exc, "java_exception", None)
    text = str(java.getMessage() if java is not None else exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def _archives_in(hadoop, folder, ignored, depth):
    archives = []
    for child in sorted(hadoop.children(folder), key=lambda s: s.getPath().getName()):
        name, uri = child.getPath().getName(), child.getPath().toString()
        if name.startswith((".", "_")):       # hidden files, and _SUCCESS markers of jobs
            continue
        if child.isDirectory() and depth > 1:
            archives += _archives_in(hadoop, child.getPath(), ignored, depth - 1)
        elif not child.isDirectory() and name.endswith(ARCHIVE_SUFFIXES):
            archives.append(uri)
        else:
            ignored.append(uri)
    return archives


class _Hadoop:
    """The few calls of Hadoop's FileSystem API the listing needs, through the driver's JVM."""

    def __init__(self, spark):
        self.jvm = spark.sparkContext._jvm
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()

    def status(self, uri):
        path = self.jvm.org.apache.hadoop.fs.Path(uri)
        fs = path.getFileSystem(self.conf)
        return fs.getFileStatus(path) if fs.exists(path) else None

    def children(self, path):
        return list(path.getFileSystem(self.conf).listStatus(path))


def read_batches(sc, wave):
    """An RDD of one partition a batch of `wave` (lists of archive URIs), holding its archives'
    (URI, bytes)."""
    # binaryFiles takes a comma-separated list of paths; coalesce(1): the batch, one task
    return sc.union([sc.binaryFiles(",".join(batch)).coalesce(1) for batch in wave])
