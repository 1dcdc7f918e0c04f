"""What is worked out from a bundle's rows once they are stored, in its load's transaction.

In order: parsers' own clean-ups (FINALIZE_SQL, e.g. nft rules that duplicate
iptables ones), source statuses from the bundle's manifest, host facts only the
logs tell, log times the final facts change (the year of year-less stamps guessed
when the collection time is unknown: logyear.py), classified events, and crash
reports (whose headers the event scan collects on its way).
"""
from sosql import parsers
from sosql.derive import crash_store, events, hostfacts, logyear, timestamps
from sosql.read import catalog

# Every parser's FINALIZE_SQL statements, gathered once, with the tables they work on
# (FINALIZE_READS): a bundle without rows in those has nothing for them to do.
FINALIZE = [(module.FINALIZE_READS, sql) for module in dict.fromkeys(parsers.get(s.parser) for s in catalog.SOURCES)
            for sql in getattr(module, "FINALIZE_SQL", ())]


def derive(store, bundle_id, collected_at, boot_time, log_mtime=None, lines=None):
    """Fill the derived rows of one bundle; collected_at and boot_time are its final facts, log_mtime
    the newest archive modification time of its logs (epoch seconds), where known; `lines` the
    LinesWriter holding its log lines in files (lines_writer.py), or None for the log_lines table."""
    filled = _filled(store, bundle_id, {table for reads, _ in FINALIZE for table in reads})
    for reads, sql in FINALIZE:
        if filled.intersection(reads):
            store.execute(sql, {"bundle_id": bundle_id})
    hostfacts.fill_source_status(store, bundle_id)
    logged = lines is None or bool(lines.files())
    hostfacts.fill_from_logs(store, bundle_id, logged)   # the kernel build is a clue to the logs' year
    if not logged:        # no log lines: no times to mend, no events, no crash reports (half of small bundles)
        return
    reference, basis = logyear.reference(store, bundle_id, collected_at, log_mtime=log_mtime)
    if lines:
        lines.mend_times(timestamps.EXPRESSION, [reference, boot_time])
    else:
        timestamps.fill(store, bundle_id, reference, boot_time)
    logyear.mark(store, bundle_id, basis)
    events.classify(store, bundle_id, also=[crash_store.HEADS_REGEX])
    crash_store.fill(store, bundle_id)


def _filled(store, bundle_id, tables):
    """Those of `tables` that hold rows of the bundle (one query for all)."""
    exists = " UNION ALL ".join(f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM \"{t}\" WHERE bundle_id = $bundle_id)"
                                for t in sorted(tables))
    return {row[0] for row in store.execute(exists, {"bundle_id": bundle_id}).fetchall()} if tables else set()
