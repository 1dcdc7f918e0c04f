"""Absolute times for log lines: year inference, ISO stamps, dmesg via boot time."""
from datetime import datetime

import pyarrow as pa
import pytest

from sosql.derive import timestamps

COLLECTED = datetime(2019, 1, 2, 10, 0, 0)
BOOT = datetime(2019, 1, 1, 0, 0, 0)


@pytest.mark.parametrize("ts_raw, uptime_s, expected", [
    ("Dec 31 23:59:59", None, datetime(2018, 12, 31, 23, 59, 59)),   # before New Year: last year
    ("Jan  2 09:00:00", None, datetime(2019, 1, 2, 9, 0, 0)),
    ("Jan  3 09:00:00", None, datetime(2019, 1, 3, 9, 0, 0)),        # within a day of collection: clock skew
    ("Feb 29 10:00:00", None, None),          # neither 2019 nor 2018 has a Feb 29: left undated
    ("2018-11-05T07:08:09.250+08:00", None, datetime(2018, 11, 5, 7, 8, 9, 250000)),
    ("Mon Jul 10 09:40:13 2017", None, datetime(2017, 7, 10, 9, 40, 13)),
    (None, 3600.5, datetime(2019, 1, 1, 1, 0, 0, 500000)),
    ("Jan  3 09:00:00", 3600.5, datetime(2019, 1, 3, 9, 0, 0)),      # a written stamp beats printk time
    (None, None, None),
])
def test_fill(scratch, ts_raw, uptime_s, expected):
    scratch.insert("log_lines", pa.table({"ts_raw": pa.array([ts_raw], pa.string()),
                                        "uptime_s": pa.array([uptime_s], pa.float64())}),
                 {"bundle_id": "b1", "line_no": 1})
    timestamps.fill(scratch, "b1", COLLECTED, BOOT)
    assert scratch.arrow("SELECT ts FROM log_lines").to_pylist() == [{"ts": expected}]


@pytest.mark.parametrize("collected, expected", [
    (datetime(2021, 1, 5), datetime(2020, 2, 29, 10)),         # the year before
    (datetime(2024, 6, 1), datetime(2024, 2, 29, 10)),         # the year of collection
    (datetime(2024, 2, 28, 23), datetime(2024, 2, 29, 10)),    # within a day of collection: clock skew
    (datetime(2024, 2, 27), None),                             # after collection, and 2023 had none
])
def test_leap_day_lands_in_the_leap_year(scratch, collected, expected):
    scratch.insert("log_lines", pa.table({"ts_raw": ["Feb 29 10:00:00"]}), {"bundle_id": "b1"})
    timestamps.fill(scratch, "b1", collected, None)
    assert scratch.arrow("SELECT ts FROM log_lines").to_pylist() == [{"ts": expected}]


def test_unknown_collection_time_leaves_syslog_undated(scratch):
    scratch.insert("log_lines", pa.table({"ts_raw": ["Jul 10 09:40:06"]}), {"bundle_id": "b1"})
    timestamps.fill(scratch, "b1", None, None)
    assert scratch.arrow("SELECT ts FROM log_lines").to_pylist() == [{"ts": None}]
