"""What is worked out from a bundle's rows once they are stored, in its load's transaction.

In order: parsers' own clean-ups (FINALIZE_SQL, e.g. nft rules that duplicate
iptables ones), source statuses from the bundle's manifest, log times the final
facts change, host facts only the logs tell, classified events, and crash
reports (whose headers the event scan collects on its way).
"""
from . import catalog, crashes, events, hostfacts, parsers, timestamps

# Every parser's FINALIZE_SQL statements, gathered once.
FINALIZE_SQL = [sql for module in dict.fromkeys(parsers.get(s.parser) for s in catalog.SOURCES)
                for sql in getattr(module, "FINALIZE_SQL", ())]


def derive(store, bundle_id, collected_at, boot_time):
    """Fill the derived rows of one bundle; collected_at and boot_time are its final facts."""
    for sql in FINALIZE_SQL:
        store.execute(sql, {"bundle_id": bundle_id})
    hostfacts.fill_source_status(store, bundle_id)
    timestamps.fill(store, bundle_id, collected_at, boot_time)
    hostfacts.fill_from_logs(store, bundle_id)
    events.classify(store, bundle_id, also=[crashes.HEADER_SQL])
    crashes.fill(store, bundle_id)
