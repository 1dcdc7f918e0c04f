"""A bundle's staged log files (load/lines_writer.py): their times mended when the final facts
change them, and not read again when the facts they were written with are the final ones."""
from datetime import datetime

from sosql import parsers
from sosql.derive import timestamps
from sosql.load.lines_writer import LinesWriter

JULY_2017, JULY_2020 = datetime(2017, 7, 11), datetime(2020, 7, 11)


def _written(scratch, tmp_path, collected):
    lines = LinesWriter(scratch, "b1", tmp_path)
    for table in parsers.get("syslog").parse([(1, "Jul 10 09:40:06 n kernel: one\nJul 10 09:40:07 n kernel: two\n")]):
        lines.write("var/log/messages", table, {"source": "messages", "path": "var/log/messages"},
                    {"ts": (timestamps.EXPRESSION, [collected, None])})
    lines.show()
    return lines


def _times(scratch):
    return [r[0] for r in scratch.execute("SELECT ts FROM log_lines ORDER BY line_no").fetchall()]


def test_times_written_with_the_final_facts_are_not_read_again(scratch, tmp_path, monkeypatch):
    lines = _written(scratch, tmp_path, JULY_2017)
    read = []
    execute = scratch.execute
    monkeypatch.setattr(scratch, "execute", lambda sql, params=None: read.append(sql) or execute(sql, params))
    lines.mend_times(timestamps.EXPRESSION, [JULY_2017, None])
    assert read == [] and _times(scratch) == [datetime(2017, 7, 10, 9, 40, 6), datetime(2017, 7, 10, 9, 40, 7)]


def test_times_the_final_facts_change_are_mended(scratch, tmp_path):
    lines = _written(scratch, tmp_path, None)          # no collection time known while it streamed
    assert _times(scratch) == [None, None]
    lines.mend_times(timestamps.EXPRESSION, [JULY_2020, None])
    assert _times(scratch) == [datetime(2020, 7, 10, 9, 40, 6), datetime(2020, 7, 10, 9, 40, 7)]
    assert [rows for _, rows in lines.files()] == [2]
