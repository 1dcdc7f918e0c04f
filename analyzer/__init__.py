"""sosql: offline analysis of Linux node diagnostic bundles with SQL.

    >>> import sosql
    >>> store = sosql.open_store("sosql-store", read_only=False)
    >>> sosql.load(store, ["sample_bundles/"])
    >>> sosql.check(store)                    # the rules' findings, into the store
    >>> sosql.report(store, "report.html")    # the HTML report
    >>> store.close()
    >>> sosql.open_store("sosql-store").df("SELECT hostname, kernel_release FROM hosts")   # reading

open_store reads by default (no write lock: a `sosql query` in a shell works beside it);
read_only=False creates the store if need be and takes its write lock, to load and check.
"""
__version__ = "0.1.0"

from sosql.errors import SosqlError  # noqa: E402
from sosql.load.loader import load  # noqa: E402
from sosql.store.store import Store, open_store  # noqa: E402


def check(store, rules_dirs=()):
    """Run every shipped rule, and those in `rules_dirs`, over the store: their findings replace
    the earlier ones (as `sosql check` does). Returns a checks.CheckReport (findings, per_rule,
    errors: the rule files that could not run, with why)."""
    from sosql.rules import checks
    rules, errors = checks.discover(rules_dirs)
    report = checks.run(store, rules, rules_dirs, complete=True)
    report.errors = errors + report.errors
    store.checkpoint()
    return report


def report(store, out, host=None):
    """Write the HTML report of the fleet, or of one host (a hostname or bundle id prefix), to
    `out`; return what it showed (a dict)."""
    from sosql.reports.render import render
    return render(store, out, host=host)


__all__ = ["Store", "SosqlError", "check", "load", "open_store", "report", "__version__"]
