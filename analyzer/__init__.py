"""sosql: offline analysis of Linux node diagnostic bundles with SQL.

    >>> import analyzer
    >>> store = analyzer.open_store("sosql-store")
    >>> analyzer.load(store, ["sample_bundles/"])
    >>> store.df("SELECT hostname, kernel_release FROM hosts")
"""
__version__ = "0.1.0"

from .errors import SosqlError  # noqa: E402
from .loader import load  # noqa: E402
from .store import Store, open_store  # noqa: E402

__all__ = ["Store", "SosqlError", "load", "open_store", "__version__"]
