"""A bundle's small sources (command outputs, configuration files, facts): kept in memory as
the walk offers them, parsed after it, when the bundle's format and the best candidate of
each source are known. Earlier sources give a fact first: they are the better ones (catalog
order). Logs are not kept: they stream (ingest.py).

    >>> small = SmallSources(read=lambda member: ("node1\\n", 6, False))
    >>> small.offer(catalog.BY_NAME["hostname"], "sos", 0, member)      # sos_commands/host/hostname
    >>> small.parse("sos", store, "b1", record)["hostname"]
    'node1'
"""
from sosql import parsers
from sosql.derive import hostfacts
from sosql.errors import SosqlError
from sosql.read import archive, catalog
from sosql.store import schema

# What timeout(1) prints instead of a command's output when the command could not be run.
NOT_RUN = ("timeout: failed to run command", "timeout: cannot run command")


class SmallSources:
    def __init__(self, read):
        self.read = read       # member -> (text, nbytes, truncated): reads it, counting its bytes
        self.found = {}        # source name -> {fmt: [(rank, name, data | None, link)]}, best first
        self.kept = {}         # member name -> (text, nbytes, truncated), for resolving links

    def offer(self, source, fmt, rank, member):
        # Read even a worse candidate: it may be the target of a better one's link.
        link = member.link
        data = None if link else self.kept.get(member.name) or self._keep(member)
        if data is not None and archive.flattened_link(member.name, data[0]):
            data, link = None, archive.flattened_link(member.name, data[0])
        found = self.found.setdefault(source.name, {})
        if source.many:                       # one listing per table: keep them all
            found.setdefault(fmt, []).append((rank, member.name, data, link))
        elif fmt not in found or rank < found[fmt][0][0]:
            found[fmt] = [(rank, member.name, data, link)]

    def _keep(self, member):
        self.kept[member.name] = self.read(member)
        return self.kept[member.name]

    def has(self, source_name, fmt):
        return bool(self.found.get(source_name, {}).get(fmt))

    def candidates(self, fmt):
        """(source, member name, data, link) of every candidate kept for `fmt`, best first;
        data is None for a link to a member that is not in the bundle."""
        for source in catalog.SOURCES:
            if any(self.has(u, fmt) for u in source.unless):
                continue
            for rank, name, data, link in self.found.get(source.name, {}).get(fmt, ()):
                yield source, name, data if data is not None else self.kept.get(link), link

    def known_times(self, fmt):
        """[collected_at, boot_time] as far as the facts kept so far tell (mid-walk, for
        the times of the logs streamed meanwhile)."""
        facts = {}
        for source, name, data, _ in self.candidates(fmt):
            parser = parsers.get(source.parser)
            if parser.KIND == "facts" and data is not None:
                try:
                    _merge(facts, _parse(parser, data[0], name))
                except Exception:        # reported when the bundle's facts are parsed for good
                    continue
        return [facts.get("collected_at"), hostfacts.host_row(None, facts)["boot_time"]]

    def parse(self, fmt, store, bundle_id, record):
        """Parse every candidate for `fmt` into `store` (a SourceRecord `record` says how each
        went); return the facts they gave."""
        facts = {}
        for source, name, data, link in self.candidates(fmt):
            if data is None:
                record.error(source.name, name, SosqlError(f"link to {link}, which is not in the bundle"))
            else:
                _parse_one(source, name, data, facts, store, bundle_id, record)
        return facts


def _parse_one(source, name, data, facts, store, bundle_id, record):
    text, nbytes, truncated = data
    if text.lstrip().startswith(NOT_RUN):     # sos and insights wrap commands in timeout(1)
        return record.error(source.name, name, SosqlError(f"the command did not run: "
                                                          f"{text.strip().splitlines()[0][:200]}"))
    parser = parsers.get(source.parser)
    try:
        result = _parse(parser, text, name)
    except Exception as exc:            # the parser failed: this source only
        return record.parser_failed(source.name, name, exc)
    rows = 1
    if parser.KIND == "facts":
        _merge(facts, result)
    else:
        tables = result if isinstance(result, dict) else {parser.TABLE: result}
        rows = sum(store.insert(table, rows, _constants(table, bundle_id, source.name, rows.schema.names))
                   for table, rows in tables.items())
    record.parsed(source.name, name, rows, nbytes, "larger than the size cap" if truncated else None)


def _constants(table, bundle_id, source_name, given=()):
    constants = {"bundle_id": bundle_id}
    if "source" in schema.column_names(table) and "source" not in given:   # bundle_items' is the node's path
        constants["source"] = source_name
    return constants


def _parse(parser, text, name):
    return parser.parse_member(text, name) if hasattr(parser, "parse_member") else parser.parse(text)


def _merge(facts, found):
    """Earlier sources win: they are the better ones (catalog order)."""
    for key, value in found.items():
        if value is not None:
            facts.setdefault(key, value)
