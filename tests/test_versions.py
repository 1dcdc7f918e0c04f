"""Version ordering: rpm's and dpkg's own test cases, and the SQL function rules use."""
import pytest

from sosql.store import versions

RPM_SEGMENTS = [  # rpm's tests/rpmvercmp.at
    ("1.0", "1.0", 0), ("1.0", "2.0", -1), ("2.0", "1.0", 1), ("2.0.1", "2.0.1", 0), ("2.0", "2.0.1", -1),
    ("2.0.1a", "2.0.1a", 0), ("2.0.1a", "2.0.1", 1), ("2.0.1", "2.0.1a", -1), ("5.5p1", "5.5p1", 0),
    ("5.5p1", "5.5p2", -1), ("5.5p10", "5.5p1", 1), ("10xyz", "10.1xyz", -1), ("xyz10", "xyz10.1", -1),
    ("xyz.4", "8", -1), ("8", "xyz.4", 1), ("1.0aa", "1.0a", 1), ("1.0a", "1.0aa", -1), ("10.0001", "10.1", 0),
    ("10.0039", "10.39", 0), ("4.999.9", "5.0", -1), ("20101121", "20101122", -1), ("2_0", "2_0", 0),
    ("2.0", "2_0", 0), ("a+", "a_", 0), ("+a", "_a", 0), ("+_", "_+", 0), ("+", "_", 0),
    ("1.0~rc1", "1.0~rc1", 0), ("1.0~rc1", "1.0", -1), ("1.0", "1.0~rc1", 1), ("1.0~rc1", "1.0~rc2", -1),
    ("1.0~rc1~git123", "1.0~rc1", -1), ("1.0^", "1.0", 1), ("1.0^git1", "1.0^git2", -1),
    ("1.0^git1", "1.01", -1), ("1.0^20160101", "1.0.1", -1), ("1.0~rc1^git1", "1.0~rc1", 1),
    ("1.0^git1~pre", "1.0^git1", -1),
]
DEB = [  # dpkg's lib/dpkg/t/t-version.c and Debian policy 5.6.12
    ("1.0", "1.0", 0), ("1.0", "1.1", -1), ("1.0~rc1", "1.0", -1), ("1.0~~", "1.0~", -1), ("1.0", "1.0a", -1),
    ("1.0a", "1.0+", -1), ("1.0", "1.0+", -1), ("1:0.1", "0:9.9", 1), ("0:1.0", "1.0", 0), ("1.0-1", "1.0-2", -1),
    ("1.0-1ubuntu1", "1.0-1", 1), ("1.0-1", "1.0-1~bpo1", 1), ("2.0.4-1ubuntu1.20.04.2", "2.0.4-1ubuntu1.20.04.10", -1),
    ("0.105-26ubuntu1.2", "0.105-26ubuntu1.1", 1), ("1.0.0~rc4+dfsg1-6ubuntu0.18.04.1", "1.0.0~rc7", -1),
    ("1.0-0", "1.0", 0),
]
RPM_EVR = [
    ("3.10.0-957.el7", "3.10.0-1062.el7", -1), ("3.10.0-327.36.3.el7", "3.10.0-327.36.1.el7", 1),
    ("1:1.0-1", "2.0-1", 1), ("0.112-26.el7_9.1", "0.112-26.el7", 1), ("1.13.1-91.git07f3374.el7", "1.13.1-91.el7", 1),
]


@pytest.mark.parametrize("a, b, expected", RPM_SEGMENTS)
def test_rpmvercmp_cases(a, b, expected):
    assert versions._rpm_segments(a, b) == expected


@pytest.mark.parametrize("a, b, expected", RPM_EVR)
def test_rpm_epoch_version_release(a, b, expected):
    assert versions.compare(a, b, "rpm") == expected


@pytest.mark.parametrize("a, b, expected", DEB)
def test_dpkg_cases(a, b, expected):
    assert versions.compare(a, b, "deb") == expected
    assert versions.compare(b, a, "deb") == -expected


def test_sql_function(store):
    rows = store.execute("SELECT version_cmp('3.10.0-957.el7', '3.10.0-1062.el7', 'rpm'), "
                         "version_cmp('1.0~rc1', '1.0', 'deb'), version_cmp(NULL, '1', 'rpm')").fetchall()
    assert rows == [(-1, -1, None)]
