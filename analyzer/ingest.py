"""Loading one bundle into the store, inside the caller's transaction.

The bundle is walked once. Logs are parsed as they stream past; small sources
are kept and parsed after the walk, when the format (ours or sos) and the best
candidate of each source are known. Then host facts are written, timestamps
filled in and events classified.
"""
from datetime import datetime, timedelta, timezone

from . import archive, catalog, events, hostfacts, parsers, textio, timestamps
from .errors import BundleError, SosqlError

SOS_MARKERS = ("version.txt", "sos_commands/", "sos_reports/")


class Ingest:
    def __init__(self, store, path, bundle_id):
        self.store, self.path, self.bundle_id = store, str(path), bundle_id
        self.small = {}        # source name -> {fmt: (rank, name, bytes | None, link)}
        self.logs = {}         # single log source name -> (fmt, rank, name) parsed so far
        self.kept = {}         # member name -> bytes, for resolving symlinks
        self.source_rows = []
        self.sos_seen = False

    def run(self):
        try:
            for member in archive.walk(self.path):
                self._offer(member)
        except archive.READ_ERRORS as exc:
            raise BundleError(self.path, f"corrupt or truncated archive ({archive.describe(exc)})")
        fmt = self._format()
        facts = self._parse_small(fmt)
        self._record_missing(fmt)
        truncated = set(facts.pop("truncated_members", None) or ())
        for row in self.source_rows:
            if row["path"] in truncated and row["status"] == "parsed":
                row.update(status="truncated", message="cut to the collector's size cap")
        self._finish(fmt, facts)

    # -- the walk -------------------------------------------------------------
    def _offer(self, member):
        if member.name.startswith(SOS_MARKERS):
            self.sos_seen = True
        for source, fmt, rank in catalog.matches(member.name):
            if parsers.get(source.parser).KIND == "log":
                if not member.link:       # logs are read where they are, not via links
                    self._offer_log(source, fmt, rank, member)
            elif not source.many:
                self._offer_small(source, fmt, rank, member)

    def _offer_small(self, source, fmt, rank, member):
        # Read even a worse candidate: it may be the target of a better one's link.
        link = member.link
        data = None if link else self.kept.get(member.name) or self._read(member)
        if data is not None and archive.flattened_link(member.name, data[0]):
            data, link = None, archive.flattened_link(member.name, data[0])
        best = self.small.setdefault(source.name, {})
        if fmt not in best or rank < best[fmt][0]:
            best[fmt] = (rank, member.name, data, link)

    def _read(self, member):
        with member.open() as raw:
            text, nbytes, truncated = textio.read_text(raw)
        self.kept[member.name] = (text, nbytes, truncated)
        return self.kept[member.name]

    def _offer_log(self, source, fmt, rank, member):
        if not source.many:
            previous = self.logs.get(source.name)
            if previous and previous[0] == fmt and previous[1] <= rank:
                return
            if previous:      # a better candidate: drop what the worse one gave
                self._forget_log(source.name, previous[2])
            self.logs[source.name] = (fmt, rank, member.name)
        self._load_log(source, member)

    def _load_log(self, source, member):
        parser = parsers.get(source.parser)
        constants = {"bundle_id": self.bundle_id, "source": source.name, "path": member.name}
        nbytes, rows = [0], 0
        try:
            with member.open() as raw:
                for table in parser.parse(_pieces(raw, nbytes)):
                    rows += self.store.insert("log_lines", table, constants)
        except archive.READ_ERRORS as exc:
            raise BundleError(self.path, f"corrupt or truncated archive ({archive.describe(exc)})",
                              member.name) from exc
        except SosqlError as exc:
            self._source_error(source.name, member.name, exc)
            return
        self.source_rows.append(_row(source.name, member.name, "parsed", rows, nbytes[0]))

    def _forget_log(self, source_name, name):
        self.store.execute("DELETE FROM log_lines WHERE bundle_id = ? AND path = ?",
                           [self.bundle_id, name])
        self.source_rows = [r for r in self.source_rows if r["path"] != name]

    # -- after the walk -------------------------------------------------------
    def _format(self):
        manifest = self.small.get("manifest", {}).get("sosql")
        if manifest is not None:
            return "sosql"
        if self.sos_seen:
            return "sos"
        raise BundleError(self.path, "not a bundle: no manifest.json (sosql) and no "
                                     "sos_commands/ or version.txt (sos report)")

    def _parse_small(self, fmt):
        facts = {}
        for source in catalog.SOURCES:
            choice = self.small.get(source.name, {}).get(fmt)
            if choice is None:
                continue
            rank, name, data, link = choice
            if data is None:
                data = self.kept.get(link)
            if data is None:
                self._source_error(source.name, name, SosqlError(f"link to {link}, which is not in the bundle"))
                continue
            self._parse_one(source, name, data, facts)
        return facts

    def _parse_one(self, source, name, data, facts):
        text, nbytes, truncated = data
        parser = parsers.get(source.parser)
        try:
            result = parser.parse(text)
        except SosqlError as exc:
            self._source_error(source.name, name, exc)
            return
        if parser.KIND == "facts":
            rows = 1
            for key, value in result.items():
                if value is not None:
                    facts.setdefault(key, value)
        else:
            rows = self.store.insert(parser.TABLE, result, {"bundle_id": self.bundle_id})
        status, message = ("truncated", "larger than the size cap") if truncated else ("parsed", None)
        self.source_rows.append(_row(source.name, name, status, rows, nbytes, message))

    def _record_missing(self, fmt):
        seen = {r["source"] for r in self.source_rows}
        for source in catalog.SOURCES:
            if catalog.candidates(source, fmt) and source.name not in seen:
                self.source_rows.append(_row(source.name, None, "missing", 0, 0))

    def _source_error(self, source_name, member_name, exc):
        self.source_rows.append(_row(source_name, member_name, "error", 0, 0, str(exc)))
        self.store.insert_dicts("load_errors", [{
            "bundle_id": self.bundle_id, "path": self.path, "member": member_name,
            "error": f"{source_name}: {exc}", "occurred_at": _utcnow()}])

    def _finish(self, fmt, facts):
        facts.setdefault("format", fmt)
        host = hostfacts.host_row(self.bundle_id, facts)
        self.store.insert_dicts("bundles", [hostfacts.bundle_row(
            self.bundle_id, self.path, facts, _utcnow())])
        self.store.insert_dicts("hosts", [host])
        self.store.insert_dicts("sources", [dict(r, bundle_id=self.bundle_id) for r in self.source_rows])
        timestamps.fill(self.store, self.bundle_id, facts.get("collected_at"), host["boot_time"])
        hostfacts.fill_from_logs(self.store, self.bundle_id)
        events.classify(self.store, self.bundle_id)


def _pieces(raw, total):
    """A log's (first_line_no, text) pieces, adding the bytes read to total[0]."""
    for first, text, nbytes in textio.line_chunks(raw):
        total[0] += nbytes
        yield first, text


def _row(source, path, status, rows, nbytes, message=None):
    return {"source": source, "path": path, "status": status, "rows": rows,
            "bytes": nbytes, "message": message}


def _utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)
