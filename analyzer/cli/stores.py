"""The store as the commands open it. A command that reads never creates a store (a typo'd
--db is an error, not an empty answer); a file is never a store (store.py says what it is
instead). Names given on the command line are checked against the store before any work."""
from pathlib import Path

from sosql.errors import StoreError, UnknownNameError
from sosql.store.store import open_store


def reading(db):
    """The existing store, read-only."""
    _require(db)
    return open_store(db, read_only=True)


def updating(db):
    """The existing store, to write into (findings)."""
    _require(db)
    return open_store(db, read_only=False)


def creating(db):
    """The store, created if missing, to load into."""
    return open_store(db, read_only=False)


def _require(db):
    if not Path(db).exists():
        raise StoreError(f"{db}: no such store; run 'sosql load' first or give --db")


def require_hosts(store, *names):
    """Each name must be a hostname or the start of a bundle id in the store."""
    known = store.execute("SELECT b.bundle_id, h.hostname FROM bundles b LEFT JOIN hosts h USING (bundle_id)").fetchall()
    for name in names:
        if name is not None and not any(host == name or bundle.startswith(name) for bundle, host in known):
            raise UnknownNameError("host or bundle", name, sorted({h for _, h in known if h}),
                                   " in the store")
