"""The postmortem view: events and crash reports in time order, and events_near for rules."""
from datetime import datetime

import pytest

from sosql.errors import SosqlError
from sosql.fleet import timeline

from conftest import sosql


def test_events_near_pairs_iscsi_errors_with_the_lockup(sample_store):
    rows = sample_store.arrow("SELECT hostname, first_message, seconds_between FROM "
                              "events_near('iscsi_conn_error', 'soft_lockup', 60) JOIN hosts USING (bundle_id)").to_pylist()
    assert {r["hostname"] for r in rows} == {"node5"} and {r["seconds_between"] for r in rows} == {7.0}
    assert sample_store.arrow("SELECT * FROM events_near('iscsi_conn_error', 'soft_lockup', 5)").num_rows == 0


def test_timeline_around_an_incident(sample_store):
    rows = timeline.query(sample_store, "node5", "2018-07-10 09:40", "1m").to_pylist()
    assert [r["kind"] for r in rows] == ["iscsi_missing", "iscsi_conn_error", "iscsi_conn_error", "soft_lockup",
                                         "crash:soft_lockup"]
    assert rows[0]["ts"] == datetime(2018, 7, 10, 9, 39, 34)


@pytest.mark.parametrize("window, seconds", [("90s", 90), ("10m", 600), ("2h", 7200), ("1d", 86400)])
def test_windows(window, seconds):
    assert timeline.parse_window(window).total_seconds() == seconds


@pytest.mark.parametrize("bad", ["10", "ten minutes", "5y"])
def test_bad_window_is_a_clear_error(bad):
    with pytest.raises(SosqlError, match="write a number and a unit"):
        timeline.parse_window(bad)


def test_timeline_command(sample_store_copy):
    db = sample_store_copy              # the sample fleet, loaded once per run (conftest.py)
    out = sosql("timeline", "--host", "node1", "--db", db, "--format", "csv")
    assert out.returncode == 0 and "skb_under_panic" in out.stdout and "crash:oops" in out.stdout
    bad = sosql("timeline", "--around", "yesterday", "--db", db)
    assert bad.returncode == 1 and bad.stderr.startswith("sosql: error: time 'yesterday'")


def test_untimed_rows_keep_their_place_in_their_file(scratch):
    """An undated line goes after the last dated line before it in its file; with none, last, in line order."""
    import pyarrow as pa
    t = datetime(2020, 3, 3, 10, 0)
    scratch.insert_dicts("hosts", [{"bundle_id": "b1", "hostname": "h"}])
    scratch.insert("log_lines", pa.table({"path": ["messages"] * 3, "line_no": [1, 2, 3],
                                        "ts": [t, None, t.replace(minute=5)]}), {"bundle_id": "b1"})
    events = [("messages", 1, t, None, "a"), ("messages", 2, None, None, "b"), ("journal", 7, t.replace(minute=1), None, "c"),
              ("messages", 3, t.replace(minute=5), None, "d"), ("dmesg", 5, None, 50.0, "f"), ("dmesg", 3, None, 30.0, "e")]
    scratch.insert("events", pa.table({"path": [e[0] for e in events], "line_no": [e[1] for e in events],
                                     "ts": pa.array([e[2] for e in events], pa.timestamp("us")),
                                     "uptime_s": pa.array([e[3] for e in events], pa.float64()),
                                     "kind": [e[4] for e in events]}), {"bundle_id": "b1"})
    rows = timeline.query(scratch, "h").to_pylist()
    assert [r["kind"] for r in rows] == ["a", "b", "c", "d", "e", "f"]
    assert rows[4]["relative"] == "+30.0s after boot"


@pytest.mark.parametrize("host", ["%", "_ode5", "node%"])
def test_host_is_a_name_or_id_prefix_never_a_pattern(sample_store, host):
    assert timeline.query(sample_store, host).num_rows == 0
    assert timeline.query(sample_store, "node5").num_rows > 0
    bundle = sample_store.execute("SELECT bundle_id FROM hosts WHERE hostname = 'node5'").fetchall()[0][0]
    assert timeline.query(sample_store, bundle[:6]).num_rows == timeline.query(sample_store, "node5").num_rows
