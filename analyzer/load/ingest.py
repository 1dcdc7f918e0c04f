"""Loading one bundle into the store, inside the caller's transaction.

The bundle is walked once. Logs are parsed as they stream past (a directory's
logs after the walk, so that they come after the small files); small sources
are kept and parsed after the walk, when the format (ours, sos or insights) and
the best candidate of each source are known. Log lines are stored with their
absolute times computed from the collection and boot times known by then (sos
and our collector write those sources first); timestamps.fill mends the lines
the final facts change. Then host facts are written and the rest is derived
from the stored rows (derive.py).
"""
import contextlib
import itertools
import os
import re

from sosql import parsers
from sosql.derive import hostfacts, timestamps
from sosql.derive.pipeline import derive
from sosql.errors import BundleError, printable
from sosql.load.small_sources import SmallSources
from sosql.load.source_record import SourceRecord, utcnow
from sosql.read import archive, catalog, textio
from sosql.read.logstream import ArchiveReadError, log_pieces

# Decompressed bytes one bundle may yield before loading stops (a decompression bomb).
MAX_BUNDLE_BYTES = int(os.environ.get("SOSQL_MAX_BUNDLE_BYTES", 32 << 30))
# An archive inside the archive: a `sos collect` tarball holds one sos report per node.
INNER_REPORT = re.compile(r"^(?:[^/]+/)?(?:sosreport|sos-collector)[^/]*\.tar(?:\.\w+)?$")


# A log member of fewer bytes is parsed without a read-ahead thread (textio.read_ahead).
READ_AHEAD_FROM = 1 << 20


class NestedBundles(Exception):
    """The archive is a container of reports (sos collect); `inner` holds (name, spooled file)."""

    def __init__(self, inner):
        super().__init__(f"{len(inner)} inner reports")
        self.inner = inner


class Ingest:
    def __init__(self, store, path, bundle_id, members=None, size=None, strict=False, lines=None):
        self.store, self.path, self.bundle_id = store, printable(path), bundle_id
        self.lines = lines     # a LinesWriter (lines_writer.py), or None: into the log_lines table
        self.size = size if size is not None else hostfacts.bundle_size(path)
        self.members = members or (lambda: archive.walk(path))
        self.small = SmallSources(self._read)    # the small sources, kept until the walk ends
        self.logs = {}         # single log source name -> (fmt, rank, name) parsed so far
        self.record = SourceRecord(store, bundle_id, self.path, strict)
        self.seen, self.inner = set(), []
        self.deferred = []     # a directory's log members, loaded after the walk
        self.log_mtimes = []   # archive mtimes of the logs: a clue to their year (logyear.py)
        self.spent = 0         # decompressed bytes read so far
        self.names = set()     # member names offered so far

    def run(self):
        try:
            for member in self.members():
                self._offer(member)
            fmt = self._format()
            for member in self.deferred:
                self._offer(member, deferred=True)
        except archive.READ_ERRORS as exc:
            raise BundleError(self.path, f"corrupt or truncated archive ({archive.describe(exc)})") from exc
        facts = self.small.parse(fmt, self.store, self.bundle_id, self.record)
        self.record.missing(fmt)
        self._finish(fmt, facts)

    # -- the walk -------------------------------------------------------------
    def _offer(self, member, deferred=False):
        if not deferred:
            if member.name in self.names:      # a tar may hold a name twice: load it once
                return self.record.note(member.name, "is in the archive twice: the first copy was loaded")
            self.names.add(member.name)
            self.seen.update(f for f, marks in catalog.MARKERS.items() if member.name.startswith(marks))
        if INNER_REPORT.match(member.name) and not member.link:
            self.inner.append((member.name, archive.spool(member)))
            return
        tailed = list(catalog.tailed_matches(member.name))
        if tailed:
            self.record.tailed.add(member.name)
        streamed = set()      # a log matching in two formats' paths is read once
        defer = member.lasting and not deferred
        for source, fmt, rank in itertools.chain(catalog.matches(member.name), tailed):
            if parsers.get(source.parser).KIND != "log":
                if not deferred:
                    self.small.offer(source, fmt, rank, member)
            elif defer:
                if member not in self.deferred:
                    self.deferred.append(member)
            elif not member.link and source.name not in streamed:   # logs are not read via links
                streamed.add(source.name)
                self._offer_log(source, fmt, rank, member)

    def _read(self, member):
        with member.open() as raw:
            text = textio.read_text(raw)
        self._spend(text[1])
        return text

    def _spend(self, nbytes):
        self.spent += nbytes
        if self.spent > MAX_BUNDLE_BYTES:
            raise BundleError(self.path, f"stopped: more than {MAX_BUNDLE_BYTES} bytes of decompressed data "
                                         f"(a decompression bomb? set SOSQL_MAX_BUNDLE_BYTES to allow more)")

    def _offer_log(self, source, fmt, rank, member):
        if not source.many:
            previous = self.logs.get(source.name)
            if previous and previous[0] == fmt and previous[1] <= rank:
                return
            if previous:      # a better candidate: drop what the worse one gave
                self._drop_lines(previous[2])
                self.record.forget(previous[2])
            self.logs[source.name] = (fmt, rank, member.name)
        self._load_log(source, member)

    def _load_log(self, source, member):
        if member.mtime is not None:
            self.log_mtimes.append(member.mtime)
        constants = {"bundle_id": self.bundle_id, "source": source.name, "path": member.name}
        computed = {"ts": (timestamps.EXPRESSION, self.small.known_times(self._format(guess=True)))}
        nbytes, rows = [0], 0
        parse = parsers.get(source.parser).parse
        with member.open() as raw, contextlib.closing(self._tables(parse, raw, nbytes, member.size)) as tables:
            while True:
                try:
                    table = next(tables, None)
                except ArchiveReadError as exc:
                    raise BundleError(self.path, f"corrupt or truncated archive ({exc})", member.name) from exc
                except BundleError:
                    raise
                except Exception as exc:        # the parser failed: this source only
                    self._drop_lines(member.name)
                    return self.record.parser_failed(source.name, member.name, exc)
                if table is None:
                    break
                rows += (self.lines.write(member.name, table, constants, computed) if self.lines
                         else self.store.insert("log_lines", table, constants, computed))
        self.record.parsed(source.name, member.name, rows, nbytes[0])

    def _tables(self, parse, raw, nbytes, size):
        """The parser's tables of a log, read ahead in a thread when the log is big enough to
        gain from it (a thread costs more than a small log takes to read)."""
        tables = parse(log_pieces(raw, nbytes, self._spend))
        return textio.read_ahead(tables) if size >= READ_AHEAD_FROM else tables

    def _drop_lines(self, member_name):
        if self.lines:
            return self.lines.drop(member_name)
        self.store.execute("DELETE FROM log_lines WHERE bundle_id = ? AND path = ?", [self.bundle_id, member_name])

    # -- after the walk -------------------------------------------------------
    def _format(self, guess=False):
        """The bundle's format; with guess=True, the likeliest so far (mid-walk) and no errors."""
        if self.small.has("manifest", "sosql"):
            return "sosql"
        for fmt in ("sos", "insights"):
            if fmt in self.seen:
                return fmt
        if "sosql" in self.seen or guess:      # our layout without its manifest: load what is there
            return "sosql"
        if self.inner:
            raise NestedBundles(self.inner)
        raise BundleError(self.path, "not a bundle: no manifest.json (sosql), no sos_commands/ or "
                                     "version.txt (sos report), no insights_commands/ (insights)")

    def _finish(self, fmt, facts):
        facts.setdefault("format", fmt)
        host = hostfacts.host_row(self.bundle_id, facts)
        self.store.insert_dicts("bundles", [hostfacts.bundle_row(self.bundle_id, self.path, facts, utcnow(),
                                                                 self.size)])
        self.store.insert_dicts("hosts", [host])
        self.record.write()
        if self.lines:
            self.lines.show()
        derive(self.store, self.bundle_id, facts.get("collected_at"), host["boot_time"], lines=self.lines,
               log_mtime=max(self.log_mtimes, default=None))

