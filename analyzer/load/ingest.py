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
from sosql.errors import BundleError, SosqlError, printable
from sosql.load.source_record import SourceRecord, utcnow
from sosql.read import archive, catalog, textio
from sosql.read.logstream import ArchiveReadError, log_pieces
from sosql.store import schema

# Decompressed bytes one bundle may yield before loading stops (a decompression bomb).
MAX_BUNDLE_BYTES = int(os.environ.get("SOSQL_MAX_BUNDLE_BYTES", 32 << 30))
# An archive inside the archive: a `sos collect` tarball holds one sos report per node.
INNER_REPORT = re.compile(r"^(?:[^/]+/)?(?:sosreport|sos-collector)[^/]*\.tar(?:\.\w+)?$")


# A log member of fewer bytes is parsed without a read-ahead thread (textio.read_ahead).
READ_AHEAD_FROM = 1 << 20

# What timeout(1) prints instead of a command's output when the command could not be run.
NOT_RUN = ("timeout: failed to run command", "timeout: cannot run command")


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
        self.small = {}        # source name -> {fmt: [(rank, name, data | None, link)]}, best first
        self.logs = {}         # single log source name -> (fmt, rank, name) parsed so far
        self.kept = {}         # member name -> (text, nbytes, truncated), for resolving links
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
        facts = self._parse_small(fmt)
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
                    self._offer_small(source, fmt, rank, member)
            elif defer:
                if member not in self.deferred:
                    self.deferred.append(member)
            elif not member.link and source.name not in streamed:   # logs are not read via links
                streamed.add(source.name)
                self._offer_log(source, fmt, rank, member)

    def _offer_small(self, source, fmt, rank, member):
        # Read even a worse candidate: it may be the target of a better one's link.
        link = member.link
        data = None if link else self.kept.get(member.name) or self._read(member)
        if data is not None and archive.flattened_link(member.name, data[0]):
            data, link = None, archive.flattened_link(member.name, data[0])
        found = self.small.setdefault(source.name, {})
        if source.many:                       # one listing per table: keep them all
            found.setdefault(fmt, []).append((rank, member.name, data, link))
        elif fmt not in found or rank < found[fmt][0][0]:
            found[fmt] = [(rank, member.name, data, link)]

    def _read(self, member):
        with member.open() as raw:
            self.kept[member.name] = textio.read_text(raw)
        self._spend(self.kept[member.name][1])
        return self.kept[member.name]

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
        computed = {"ts": (timestamps.EXPRESSION, self._known_times())}
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
        if self.small.get("manifest", {}).get("sosql"):
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

    def _candidates(self, fmt):
        """(source, member name, data) of every small source candidate kept for `fmt`, best first;
        data is None for a link to a member that is not in the bundle."""
        for source in catalog.SOURCES:
            if any(self.small.get(u, {}).get(fmt) for u in source.unless):
                continue
            for rank, name, data, link in self.small.get(source.name, {}).get(fmt, ()):
                yield source, name, data if data is not None else self.kept.get(link), link

    def _known_times(self):
        """(collected_at, boot_time) as far as the facts read so far tell."""
        facts = {}
        for source, name, data, _ in self._candidates(self._format(guess=True)):
            parser = parsers.get(source.parser)
            if parser.KIND == "facts" and data is not None:
                try:
                    _merge(facts, _parse(parser, data[0], name))
                except Exception:        # reported when the bundle's facts are parsed for good
                    continue
        return [facts.get("collected_at"), hostfacts.host_row(None, facts)["boot_time"]]

    def _parse_small(self, fmt):
        facts = {}
        for source, name, data, link in self._candidates(fmt):
            if data is None:
                self.record.error(source.name, name, SosqlError(f"link to {link}, which is not in the bundle"))
            else:
                self._parse_one(source, name, data, facts)
        return facts

    def _parse_one(self, source, name, data, facts):
        text, nbytes, truncated = data
        if text.lstrip().startswith(NOT_RUN):     # sos and insights wrap commands in timeout(1)
            return self.record.error(source.name, name, SosqlError(f"the command did not run: "
                                                                    f"{text.strip().splitlines()[0][:200]}"))
        parser = parsers.get(source.parser)
        try:
            result = _parse(parser, text, name)
        except Exception as exc:            # the parser failed: this source only
            return self.record.parser_failed(source.name, name, exc)
        rows = 1
        if parser.KIND == "facts":
            _merge(facts, result)
        else:
            tables = result if isinstance(result, dict) else {parser.TABLE: result}
            rows = sum(self.store.insert(table, rows, self._constants(table, source.name, rows.schema.names))
                       for table, rows in tables.items())
        self.record.parsed(source.name, name, rows, nbytes, "larger than the size cap" if truncated else None)

    def _constants(self, table, source_name, given=()):
        constants = {"bundle_id": self.bundle_id}
        if "source" in schema.column_names(table) and "source" not in given:   # bundle_items' is the node's path
            constants["source"] = source_name
        return constants

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


def _parse(parser, text, name):
    return parser.parse_member(text, name) if hasattr(parser, "parse_member") else parser.parse(text)


def _merge(facts, found):
    """Earlier sources win: they are the better ones (catalog order)."""
    for key, value in found.items():
        if value is not None:
            facts.setdefault(key, value)

