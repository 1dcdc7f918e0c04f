"""Domain errors. The library raises these; the CLI turns them into one line and an exit code."""


class SosqlError(Exception):
    """Base class: anything sosql can explain to its user in one line."""


class StoreError(SosqlError):
    """The DuckDB store cannot be opened or is of an incompatible schema."""


class BundleError(SosqlError):
    """A bundle cannot be read: not an archive, corrupt, truncated, unknown format."""

    def __init__(self, path, message, member=None):
        self.path = printable(path)
        self.member = member
        where = f"{self.path}:{member}" if member else self.path
        super().__init__(f"{where}: {message}")
        self.reason = message


class ParseError(SosqlError):
    """A parser could not make sense of its source's text."""


class RuleError(SosqlError):
    """A rule file is malformed or its SQL failed."""

    def __init__(self, path, message):
        self.path = printable(path)
        super().__init__(f"{self.path}: {message}")


class QueryError(SosqlError):
    """A user's SQL failed."""


class UnknownNameError(SosqlError):
    """A host, bundle, rule or table that is not there: the user's mistake, so the CLI
    treats it as a usage error. The message suggests the closest known names."""

    def __init__(self, kind, name, known, hint=""):
        import difflib
        close = difflib.get_close_matches(str(name), [str(k) for k in known], n=3, cutoff=0.6)
        suggestion = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        super().__init__(f"no {kind} {name!r}{hint}{suggestion}")
        self.name = name


class SandboxError(QueryError):
    """SQL that would do more than read the store (files, other databases, changes): refused."""


def printable(name):
    """A file or member name as text that prints and stores: bytes of it that are not
    UTF-8 (Python keeps them as surrogates) become \\xNN escapes."""
    text = str(name)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
