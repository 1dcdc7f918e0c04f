"""Package version ordering as rpm and dpkg define it, for rules: `version_cmp(a, b, scheme)`.

Version strings are not numbers or plain text: `1.10` is newer than `1.9`, `1.0~rc1` is
older than `1.0` (dpkg, and rpm 4.10+), and each distribution backports fixes into
versions of its own. Both orderings here follow the package managers' own code
(rpm's rpmvercmp and dpkg's verrevcmp), checked against their documented cases in
tests/test_versions.py.

    >>> compare("3.10.0-957.el7", "3.10.0-1062.el7", "rpm")
    -1
    >>> compare("1:2.0~rc1-1", "1:2.0-1", "deb")
    -1

In SQL (every store connection has it): version_cmp(a, b, 'rpm' | 'deb') is -1, 0 or 1,
and NULL when either version is NULL.
"""


def compare(a, b, scheme):
    """-1, 0 or 1 as version a is older than, the same as or newer than b, in `scheme` (rpm or deb)."""
    epoch_a, version_a, release_a = _split(a)
    epoch_b, version_b, release_b = _split(b)
    if epoch_a != epoch_b:
        return -1 if epoch_a < epoch_b else 1
    segment = _rpm_segments if scheme == "rpm" else _deb_segments
    return segment(version_a, version_b) or segment(release_a, release_b)


def _split(text):
    """(epoch, version, release): '1:2.0-3' -> (1, '2.0', '3'); no epoch is 0, no release ''."""
    epoch, colon, rest = text.partition(":")
    if not colon or not epoch.isdigit():
        epoch, rest = "0", text
    version, hyphen, release = rest.rpartition("-")
    return (int(epoch), version, release) if hyphen else (int(epoch), rest, "")


def _rpm_segments(one, two):
    """rpmvercmp: alternating runs of digits and letters; a numeric run beats a letter run;
    '~' sorts before anything (even the end), '^' after the end but before anything else."""
    i = j = 0
    while i < len(one) or j < len(two):
        while i < len(one) and not _alnum(one[i]) and one[i] not in "~^":
            i += 1
        while j < len(two) and not _alnum(two[j]) and two[j] not in "~^":
            j += 1
        a, b = one[i:i + 1], two[j:j + 1]
        order = _marks(a, b)
        if order == 0:               # the same mark on both: step past it
            i, j = i + 1, j + 1
            continue
        if order is not None:
            return order
        if not (a and b):
            break
        numeric = a.isdigit()
        run_a, i = _run(one, i, numeric)
        run_b, j = _run(two, j, numeric)
        if not run_b:                           # a digit run against a letter run
            return 1 if numeric else -1
        if numeric:
            run_a, run_b = run_a.lstrip("0"), run_b.lstrip("0")
            if len(run_a) != len(run_b):
                return 1 if len(run_a) > len(run_b) else -1
        if run_a != run_b:
            return 1 if run_a > run_b else -1
    if i >= len(one) and j >= len(two):
        return 0
    return 1 if i < len(one) else -1


def _marks(a, b):
    """The order a '~' or '^' starting either segment decides: -1 or 1, 0 for the same mark on
    both, None for neither. '~' sorts before anything, the end too; '^' after the end but
    before anything else."""
    for mark in "~^":
        if mark not in (a, b):
            continue
        if a == b:
            return 0
        if mark == "^" and "" in (a, b):
            return -1 if a == "" else 1
        return -1 if a == mark else 1
    return None


def _alnum(char):
    return char.isascii() and char.isalnum()


def _run(text, start, numeric):
    end = start
    while end < len(text) and text[end].isascii() and (text[end].isdigit() if numeric else text[end].isalpha()):
        end += 1
    return text[start:end], end


def _deb_order(char):
    """dpkg's weight of a character in a non-digit run: '~' first, then the end, letters, others."""
    if not char:
        return 0
    if char == "~":
        return -1
    if char.isalpha():
        return ord(char)
    return ord(char) + 256


def _deb_segments(a, b):
    """dpkg's verrevcmp: non-digit runs by _deb_order, digit runs by value."""
    i = j = 0
    while i < len(a) or j < len(b):
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac, bc = _deb_order(a[i:i + 1] if i < len(a) and not a[i].isdigit() else ""), \
                _deb_order(b[j:j + 1] if j < len(b) and not b[j].isdigit() else "")
            if ac != bc:
                return -1 if ac < bc else 1
            i, j = i + 1, j + 1
        digits_a, i = _run(a, i, True)
        digits_b, j = _run(b, j, True)
        if int(digits_a or 0) != int(digits_b or 0):
            return -1 if int(digits_a or 0) < int(digits_b or 0) else 1
    return 0


def sql_version_cmp(a, b, scheme):
    """The SQL function's body: NULL in, NULL out."""
    if a is None or b is None:
        return None
    return compare(a, b, "rpm" if scheme == "rpm" else "deb")


def register(con):
    """Add version_cmp(a, b, scheme) to a DuckDB connection."""
    con.create_function("version_cmp", sql_version_cmp, ["VARCHAR", "VARCHAR", "VARCHAR"], "INTEGER",
                        null_handling="special", side_effects=False)
