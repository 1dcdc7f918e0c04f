"""Multi-line kernel crash reports (oops, panic, lockup, hung task, warning) and their signatures.

A report starts at a header line (`BUG: ...`, `Kernel panic - not syncing`, a
soft lockup, `INFO: task ... blocked`, `WARNING: CPU: ...`) and runs over the
lines an oops prints (`Modules linked in:`, `CPU: ... Comm: ... Tainted:`,
`Hardware name:`, registers, `Call Trace:` and its frames) up to `---[ end trace`
or the first line that is none of those. A `Call Trace:` no header claims, after
the `CPU: N PID: N Comm: ...` line dump_stack() prints, is a report of its own
(kind call_trace: a driver or module dumped its stack). Their frames and
signature are crash_frames.py's. Reports are stored by crash_store.py.

    >>> blocks = assemble([(1, "BUG: soft lockup - CPU#0 stuck for 21s! [java:12]"), (2, "Call Trace:"),
    ...                    (3, " [<ffffffff810b098f>] kthread+0xcf/0xe0")])
"""
import re

from sosql.derive import events
from sosql.derive.crash_frames import frames_of, signature

HEADER = re.compile(
    r"^(?:(?P<panic>Kernel panic - not syncing)|(?P<soft_lockup>.*BUG: soft lockup)"
    r"|(?P<hard_lockup>.*(?:Watchdog detected hard LOCKUP|NMI watchdog: hard LOCKUP))"
    r"|(?P<hung_task>INFO: task .* blocked (?:in I/O wait )?for more than)"
    r"|(?P<rcu_stall>(?:rcu: )?INFO: rcu_\w+ (?:self-)?detected (?:expedited )?stall)"
    r"|(?P<lockdep>\[ (?:INFO|BUG): |INFO: (?:possible|inconsistent|trying to register non-static) "
    r"|WARNING: (?:possible|inconsistent lock|suspicious RCU|bad unlock|held lock freed|lock held|\S+ still has locks))"
    r"|(?P<warning>WARNING: (?:at |CPU: |\S+:\d+ at )|UBSAN: )"
    r"|(?P<oops>(?:[\w.-]+(?: [\w./:-]+)?: )?BUG: |BUG [\w.-]+ \((?:Not tainted|Tainted)|BUG [\w.-]+: |[Kk]ernel BUG at |Unable to handle kernel "
    r"|general protection fault|invalid opcode: |divide error: |stack segment: |double fault: |PANIC: double fault"
    r"|Oops: .*\[#\d+\]|Internal error: |Bad mode in |SError Interrupt on CPU|skbuff: skb_(?:under|over)_panic))")
# The same, for DuckDB's RE2, anchored at any record start (see events.RECORD_START).
HEADER_SQL = events.RECORD_START + re.sub(r"\?P<\w+>", "", HEADER.pattern)[1:]
# A printk stamp inside a line: a report header may follow it (interleaved console output).
EMBEDDED_STAMP = re.compile(r"\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])? ?")
KINDS = {"panic": "kernel_panic", "warning": "kernel_warning", "lockdep": "kernel_warning"}
CONTINUES = re.compile(
    r"^(?:\s|Modules linked in|CPU: |CPU \d|Pid: |PID: |Comm: |Hardware name|task: ?|Workqueue:|RIP|RSP|EIP|ESP|NIP"
    r"|LR |PC is at|LR is at|pc :|lr :|sp :|(?i:[a-z][a-z0-9]{1,5})\s?:\s?[0-9a-fA-Fx]{4,}\b|Call [Tt]race|Backtrace|Stack:"
    r"|Code:|Instruction dump|Krnl |Process |IP:|PGD |PUD |PMD |PTE |Oops|invalid opcode|general protection"
    r"|Kernel panic|---\[ end|Kernel Offset|</?IRQ>|<EOI>|</?NMI>|</?TASK>|\? |\[<|\(\[<|[0-9a-f]{8,}|Tainted"
    r"|Dumping ftrace|Shutting down cpus|Rebooting in|in_atomic|irqs_disabled|INFO: lockdep|other info|but task"
    r"|stack backtrace|\d+ locks? held|#\d+:|[^\s:]+ is trying to acquire|\([^)]*\)\{|Preemption disabled|sched: "
    r"|Sending NMI|NMI backtrace|\"echo 0 >|\S+\s+[DRS] [0-9a-f ]|---+|\[ cut here \]|Last Breaking-Event|Fixing recursive"
    r"|Unable to handle|PC is|Internal error|BUG: |kernel BUG|Mem abort|ESR|FAR|Data abort|Exception stack"
    r"|[0-9a-f]{4}: |\S+\+0x[0-9a-f]+/0x[0-9a-f]+|Disabling lock debugging|turning off the locking|Modules:|---\[ "
    r"|-> #\d|which lock already|the existing dependency|Possible unsafe|\*\*\* DEADLOCK|lock\(|CPU0|Chain exists"
    r"|other info|INFO: |={5,}|-{5,}|irq event stamp|hardirqs last|softirqs last"
    r"|rcu: |\(detected by|Task dump for|All QSes seen|Kdump: |Tainted: "
    r"|\[[0-9a-f]{8,}\])")
END = re.compile(r"^---\[ end (?:trace|Kernel panic)")
TRACE_LINE = re.compile(
    r"^\s*(?:\[<|\(\[<|\? |</?IRQ>|<EOI>|</?NMI>|</?TASK>|<<EOE>>|Kernel panic|Code:|RIP|RSP|EIP|ESP|Kernel Offset"
    r"|Instruction dump|Last Breaking|(?i:[a-z][a-z0-9]{1,5})\s?:\s?[0-9a-fA-Fx]{4,}\b|[\w.$]+\+0x[0-9a-f]+/0x[0-9a-f]+|={5,}"
    r"|\[[0-9a-f]{8,}\]"
    r"|[0-9a-f]{8,}|Exception stack|Call [Tt]race|Rebooting|Shutting down|Dumping ftrace|\.\.\.|---\[ end|Kernel stack)")
MAX_FOREIGN = 6     # unrecognized lines a report may hold before its call trace (a WARNING's own text)
LOCKUPS = ("soft_lockup", "hard_lockup", "hung_task", "rcu_stall")
NEVER_NESTED = LOCKUPS + ("kernel_warning",)   # a header of one of these kinds inside its own kind is the next one
LEVEL = re.compile(r"^<\d>\s?")   # printk level some old logs keep: '<0> ffff8800...' 
TRACE_START = re.compile(r"^\s*(?:Call [Tt]race|Backtrace|Exception stack)")       # after it, only trace lines
IDENTITY = re.compile(r"(?:CPU: (?P<cpu>\d+) (?:UID: \d+ )?PID: (?P<pid>\d+) Comm: (?P<comm>\S+)"
                      r"|Pid: (?P<pid2>\d+), comm: (?P<comm2>\S+))"
                      r"\s+(?:Kdump: \S+\s+)?(?:Not tainted|Tainted: (?P<taint>[A-Z ]+?))?\s*(?:-+\s+(?:(?P<rhel>[A-Z])\s+)?)?(?P<release>\d+\.\d+\S*)")
# A hung task report names its task in its header only: 'INFO: task controller:1428 blocked for more than'.
HUNG_TASK = re.compile(r"INFO: task (?P<comm>.+):(?P<pid>\d+) blocked")
WINDOW = 400          # lines a report may span
SEVERITY = {"call_trace": "medium"}   # kinds no event pattern gives a severity: a bare trace is a warning's
# A call trace with no header: dump_stack()'s preamble before it, what owns it when not a report of its own.
BARE_TRACE = re.compile(r"^\s*Call [Tt]race:")
PREAMBLE = re.compile(r"^(?:CPU: \d+ (?:UID: \d+ )?PID: \d+ Comm: |Pid: \d+, comm: |Hardware name: |Workqueue: "
                      r"|NMI backtrace for cpu |\s+(?:Not tainted|Tainted: ))")
PREAMBLE_LINES = 4
OWNED = re.compile(r"invoked oom-killer: |page allocation failure")   # their own events report these dumps
FOLLOWS = 3           # a trace this close after a report is the other CPUs' stacks of that report
ORPHAN_GAP = 20       # or, after a report with no trace of its own, that report's trace (lines between cut)


def assemble(lines):
    """Crash reports in `lines`, a list of (line_no, message) of one log in order.
    Returns dicts: kind, title, first_line, last_line, lines (the block), frames, ..."""
    lines = [(line_no, LEVEL.sub("", message)) for line_no, message in lines]
    blocks, i, done, owner = [], 0, 0, None   # done: first index after the last report; owner: last header's
    while i < len(lines):
        head, title = header(lines[i][1])
        if head:
            end = _block_end(lines, i, _kind(head))
            blocks.append(_describe(_kind(head), [(lines[i][0], title)] + lines[i + 1:end + 1]))
            i = done = end + 1
            owner = (end, bool(blocks[-1]["frames"]))
            continue
        start = _bare_trace_start(lines, i, done, owner) if BARE_TRACE.match(lines[i][1]) else None
        if start is None:
            i += 1
            continue
        end = _block_end(lines, i, "call_trace")
        blocks.append(_describe("call_trace", lines[start:end + 1]))
        i = done = end + 1
    return blocks


def _bare_trace_start(lines, at, done, owner):
    """Where the report of the `Call Trace:` at `at`, which no header claimed, starts: at the
    preamble dump_stack() prints (`CPU: N PID: N Comm: ...`, `Hardware name:`). None when it is
    no report of its own: no such identity line (a sysrq task dump), right after another
    report (the other CPUs' stacks of a lockup or stall) or after one that had no trace (its
    own, cut off by lines it could not hold), or after an OOM kill or allocation failure
    line, whose own events report it. `owner`: (last index, has frames) of the last header's report."""
    start = at
    while start > done and at - start < PREAMBLE_LINES and PREAMBLE.match(lines[start - 1][1]):
        start -= 1
    if not any(IDENTITY.search(message) for _, message in lines[start:at]):
        return None
    if owner and start - owner[0] <= (FOLLOWS if owner[1] else ORPHAN_GAP):
        return None
    if start > 0 and OWNED.search(lines[start - 1][1]):
        return None
    return start


def header(message):
    """(match, text from the header on) for a report header at the start of `message` or
    after a printk stamp inside it (another CPU's line interleaved); (None, message) if none."""
    head = HEADER.match(message)
    if head or "]" not in message:
        return head, message
    for stamp in EMBEDDED_STAMP.finditer(message):
        rest = message[stamp.end():]
        head = HEADER.match(rest)
        if head:
            return head, rest
    return None, message


def _kind(head):
    kind = next(k for k, v in head.groupdict().items() if v is not None)
    return KINDS.get(kind, kind)


def _block_end(lines, start, kind):
    """Where the report of `kind` starting at `start` ends. Before its call trace a report
    may hold a few foreign lines (ABRT keeps them too); after it, only trace lines continue it."""
    end, foreign, in_trace = start, 0, bool(TRACE_START.match(lines[start][1]))
    identified = False
    for j in range(start + 1, min(len(lines), start + WINDOW)):
        message = lines[j][1]
        if not message.strip():           # an empty printk line: neither continues nor ends
            continue
        if END.match(message):
            return j
        if in_trace:
            if not TRACE_LINE.match(message):
                break
            end = j
            continue
        head = HEADER.match(message)
        if head and not message.startswith("Kernel panic") and (
                foreign > 2 or (_kind(head) == kind in NEVER_NESTED) or (identified and any(head.group(k) for k in LOCKUPS))):
            break     # the next report: lockups and warnings don't nest (but a watchdog WARNING names one)
        identified = identified or bool(IDENTITY.search(message))
        if CONTINUES.match(message):
            end, foreign = j, 0
            in_trace = bool(TRACE_START.match(message))
        else:
            foreign += 1
            if foreign > MAX_FOREIGN:
                break
    return end


def _describe(kind, block):
    messages = [m for _, m in block]
    title = messages[0]
    frames = frames_of(messages)
    identity = next((IDENTITY.search(m) for m in messages if IDENTITY.search(m)), None)
    hardware = next((m.split(":", 1)[1].strip() for m in messages if m.startswith("Hardware name:")), None)
    crash = {"kind": kind, "title": title.strip(), "first_line": block[0][0],
             "last_line": block[-1][0], "lines": messages, "frames": [f for f, _ in frames],
             "hardware": hardware, "process": None, "pid": None, "cpu": None, "tainted": None, "kernel_release": None}
    if identity:
        crash.update(process=identity.group("comm") or identity.group("comm2"),
                     pid=int(identity.group("pid") or identity.group("pid2")),
                     cpu=int(identity.group("cpu")) if identity.group("cpu") else None,
                     tainted=" ".join(f"{identity.group('taint') or ''} {identity.group('rhel') or ''}".split()) or None,
                     kernel_release=identity.group("release"))
    elif kind == "hung_task" and HUNG_TASK.search(title):
        hung = HUNG_TASK.search(title)
        crash.update(process=hung.group("comm"), pid=int(hung.group("pid")))
    crash["signature"] = signature(crash["kind"], frames, crash["title"])
    return crash
