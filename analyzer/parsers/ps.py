"""Process listings with full command lines: `ps auxwww`, `ps auxwwwm`, `ps alxwww`, `ps aux`.

Columns are read from the header, so each variant works; COMMAND is the last column
and keeps its spaces.

Sample input::

    USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
    root      1988  2.1  1.3 1204532 108720 ?      Ssl  Jun06  12:01 /usr/bin/kubelet --node-monitor-grace-period=10s
    root         -  0.0    -      -     - -        Ssl  Jun06   0:00 -

Sample input (`ps auxwwwm`, as sos runs it: the process line's STAT is '-', its
threads' lines below it carry the states)::

    USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
    root        1234  0.0  0.1 175184 17464 ?        -    Feb09   0:38 /usr/bin/containerd
    root           -  0.0    -      -     - -        Ssl  Feb09   0:30 -
    root           -  0.0    -      -     - -        D    Feb09   0:08 -

Example: user root, pid 1988, cpu_pct 2.1, rss 108720, command '/usr/bin/kubelet
--node-monitor-grace-period=10s', program 'kubelet'. Thread lines (pid '-', from
`m`) are not processes: they give their process its state, the first thread's
('Ssl' above), or 'D' when any thread is in uninterruptible sleep (what hung-task
rules look for).
"""
import re

from sosql.store import schema

KIND = "table"
TABLE = "processes"

COLUMNS = {"USER": "user", "UID": "user", "PID": "pid", "PPID": "ppid", "%CPU": "cpu_pct",
           "%MEM": "mem_pct", "VSZ": "vsz", "RSS": "rss", "STAT": "stat", "START": "start",
           "STIME": "start", "COMMAND": "command", "CMD": "command", "ARGS": "command"}


def parse(text):
    rows, header = [], None
    for line in text.splitlines():
        words = line.split()
        if header is None:
            if words and words[-1] in ("COMMAND", "CMD", "ARGS") and "PID" in words:
                header = words
            continue
        fields = line.split(None, len(header) - 1)
        if len(fields) < len(header):
            continue
        row = {COLUMNS[h]: value for h, value in zip(header, fields) if h in COLUMNS}
        if row.get("pid") == "-" and rows:
            _thread_state(rows[-1], row.get("stat"))
        elif row.get("pid", "").isdigit():
            rows.append(_typed(row))
    return schema.arrow_table(TABLE, rows)


def _thread_state(process, state):
    """A process of `ps m` takes its state from its threads: the first one's, D if any is D."""
    if not state or state == "-":
        return
    if process.get("stat") in (None, "-") or (state.startswith("D") and not process["stat"].startswith("D")):
        process["stat"] = state


def _typed(row):
    for key in ("pid", "ppid", "vsz", "rss"):
        row[key] = int(row[key]) if row.get(key, "").isdigit() else None
    for key in ("cpu_pct", "mem_pct"):
        row[key] = float(row[key]) if re.fullmatch(r"\d+(\.\d+)?", row.get(key, "")) else None
    first = row["command"].split()[0] if row.get("command") else ""
    if first.startswith("["):        # a kernel thread: [kworker/0:1H] is kworker, not a path
        row["program"] = first.strip("[]").split("/")[0] or None
    else:
        row["program"] = first.rsplit("/", 1)[-1].rstrip(":") or None
    return row
