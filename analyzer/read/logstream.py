"""A log member's text for its parser: line-aligned pieces, with the archive's own read errors
told apart from a damaged compressed member (a rotated log cut short).

    total = [0]                  # bytes read so far
    for first_line_no, text in log_pieces(member.open(), total, spend):
        ...                      # text: whole lines, the last one without its newline

Reading a member pulls bytes from the archive stream: a truncated or corrupt archive fails
the whole bundle (ArchiveReadError); the same errors raised by the member's own gzip layer
cost only that source (a SosqlError, recorded by the loader as the source's error).
"""
from sosql.errors import SosqlError
from sosql.read import archive, textio


class ArchiveReadError(Exception):
    """Reading the archive itself failed while a parser pulled text from it."""


def log_pieces(raw, total, spend):
    """A log's (first_line_no, text) pieces, adding the bytes read to total[0] and spending them.
    A damaged archive fails the bundle; a damaged compressed member (a rotated log cut short)
    only its source."""
    chunks = textio.line_chunks(ArchiveStream(raw))
    while True:
        try:
            first, text, nbytes = next(chunks)
        except StopIteration:
            return
        except ArchiveReadError:
            raise
        except archive.READ_ERRORS as exc:
            raise SosqlError(f"compressed file is corrupt or cut short ({archive.describe(exc)})") from exc
        total[0] += nbytes
        spend(nbytes)
        yield first, text


class ArchiveStream:
    """A member's bytes, whose read errors are the archive's own (and so the bundle's)."""

    def __init__(self, raw):
        self.raw = raw

    def read(self, size=-1):
        return self._reading(self.raw.read, size)

    def peek(self, size=0):
        return self._reading(self.raw.peek, size) if hasattr(self.raw, "peek") else b""

    @staticmethod
    def _reading(method, size):
        try:
            return method(size)
        except archive.READ_ERRORS as exc:
            raise ArchiveReadError(archive.describe(exc)) from exc


