"""Turning member bytes into text: small files whole, big logs in line-aligned chunks.

Logs are never held whole in memory: `line_chunks` yields pieces of about
CHUNK_BYTES that end on a line boundary, each with the number of its first line.
Rotated logs compressed with gzip (`messages-20180601.gz`) are read transparently,
and so are UTF-16 logs (Windows tools, some hypervisor consoles): they become UTF-8.
"""
import codecs
import gzip
import os
import queue
import re
import threading

# A load's memory budget (SOSQL_LOAD_MEMORY, as DuckDB writes sizes: 256MB, 1GiB): DuckDB's own
# memory while loading (load/bundle_load.py) and, a 32nd of it, the text handed to a log parser
# at a time. The parsed copies of a chunk in flight cost some 20 times its size.
DEFAULT_LOAD_MEMORY = "256MB"
LOAD_MEMORY = os.environ.get("SOSQL_LOAD_MEMORY", DEFAULT_LOAD_MEMORY)
UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
         "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40}


def size_bytes(text):
    """Bytes of a size written as DuckDB writes them ("256MB", "1 GiB"); None if it is not one."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]I?B|B)?\s*", text, re.I)
    return int(float(match.group(1)) * UNITS[(match.group(2) or "").upper()]) if match else None


def read_size(budget):
    """The bytes of a log handed to its parser at a time, for a memory budget of `budget`: a 32nd
    of it, from 1 MiB to 8 MiB (larger pieces parse no faster); the default's when `budget` is
    not a size (the load says so)."""
    return min(8 << 20, max(1 << 20, (size_bytes(budget) or size_bytes(DEFAULT_LOAD_MEMORY)) // 32))


CHUNK_BYTES = read_size(LOAD_MEMORY)
SMALL_FILE_LIMIT = 64 << 20    # a non-log source larger than this is cut (and marked truncated)
MAX_LINE_BYTES = 1 << 20       # a longer "line" (binary garbage, a bomb of zeros) is cut into pieces


def open_stream(raw):
    """Wrap a member's binary stream so gzip-compressed and UTF-16 members read as UTF-8 bytes."""
    stream = gzip.GzipFile(fileobj=raw) if _head(raw)[:2] == b"\x1f\x8b" else raw
    encoding = utf16_encoding(_head(stream))
    return Utf16Reader(stream, encoding) if encoding else stream


def _head(stream):
    return stream.peek(4)[:4] if hasattr(stream, "peek") else b""


def utf16_encoding(head):
    """'utf-16' (a byte order mark says which), 'utf-16-le'/'-be' (ASCII text with a NUL
    after or before every character) or None, from a text's first four bytes."""
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    if len(head) == 4 and head[0] and head[2] and not head[1] and not head[3]:
        return "utf-16-le"
    if len(head) == 4 and head[1] and head[3] and not head[0] and not head[2]:
        return "utf-16-be"
    return None


class Utf16Reader:
    """A binary stream of UTF-16 text read as UTF-8 bytes, a block at a time."""

    def __init__(self, stream, encoding):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")

    def read(self, size=-1):
        data = self.stream.read(size)
        return self.decoder.decode(data, final=not data).encode("utf-8")


def decode(data):
    """Bytes to str; undecodable bytes become U+FFFD rather than failing the source."""
    return data.decode("utf-8", errors="replace")


def read_text(raw, limit=SMALL_FILE_LIMIT):
    """A small source's whole text. Returns (text, bytes_read, truncated)."""
    data = open_stream(raw).read(limit + 1)
    truncated = len(data) > limit
    return decode(data[:limit]), min(len(data), limit), truncated


def line_chunks(raw, chunk_bytes=CHUNK_BYTES):
    """Yield (first_line_no, text, nbytes) pieces of a log, each ending at a line end.

    The newline ending a piece is not part of its text, so splitting the text on
    newlines gives exactly its lines. A line longer than MAX_LINE_BYTES is split.
    """
    stream = open_stream(raw)
    line_no = 1
    pending = b""
    while True:
        block = stream.read(chunk_bytes)
        if not block:
            break
        data = pending + block
        cut = data.rfind(b"\n")
        if cut < 0 and len(data) <= MAX_LINE_BYTES:   # a long line: keep reading, within reason
            pending = data
            continue
        if cut < 0:             # no line end in sight: cut, so memory stays bounded
            cut = len(data)
            data += b"\n"
        piece, pending = data[:cut], data[cut + 1:]
        yield line_no, decode(piece), len(piece) + 1
        line_no += piece.count(b"\n") + 1
    if pending:
        yield line_no, decode(pending), len(pending)


def read_ahead(items, depth=2):
    """Iterate `items` in a background thread, up to `depth` ahead of the consumer.

    Decompressing and parsing the next chunk of a log then overlaps with storing
    this one (zlib, lzma and DuckDB release the GIL). An exception raised by
    `items` is raised here, in the consumer, at the point it occurred.
    """
    results = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce():
        try:
            for item in items:
                if stop.is_set():
                    return
                results.put((True, item))
            results.put((False, None))
        except BaseException as exc:        # handed to the consumer, which raises it
            results.put((False, exc))

    worker = threading.Thread(target=produce, name="sosql-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            more, item = results.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        while worker.is_alive():            # unblock a producer waiting on a full queue
            try:
                results.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()
