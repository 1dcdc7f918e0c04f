"""How many real kernel crash logs sosql recognises, by kind (recall), and how quiet it stays on healthy logs.

    python bench/accuracy.py [--abrt DIR] [--satyr DIR] [--syzkaller DIR] [--labels TSV ...]
                             [--healthy FILE ...] [--misses]

Sources (a file may expect several kinds; each (file, kind) pair is scored once):

- ABRT's test logs (`*.test`, `*.test.template`; ':HOSTNAME:' replaced): the kinds
  of the reports in `X.right` (the first header line of each block after a
  'Version:' line); `not_oops*`/`no_oops*` expect none; a log without `.right`
  expects the kind of its own first header line.
- satyr's oops texts: the kind of the text's first header line.
- `--syzkaller DIR`: syzkaller's report test data, the kind its TITLE names; a file
  without TITLE expects none; titles of no kernel kind (lost connection, SYZFAIL,
  ...) or that no rule below maps are skipped and counted.
- `--labels TSV`: lines `path<TAB>kind[,kind...]` (path relative to the TSV's folder,
  `none` for a healthy log).
- healthy logs: the sos trees' kern.log/syslog/dmesg and loghub's Linux syslog
  (`--healthy` replaces them).

Each log is read with the parser a bundle would use (syslog when most lines look
like syslog, else dmesg; kernel lines only). The recognised kinds are those of
the event patterns (events.load_patterns, the kernel ones) that match a message,
and those of the crash reports crashes.assemble finds. Recall is exact per kind
(an oops found as a panic is a miss); the `any` column counts a log where some
crash report or some high/critical event was found at all. Healthy logs count
as clean when no high/critical kind is recognised; the others are listed as
false alarms. `--misses` lists the missed logs with their first header line.
"""
import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sosql import parsers  # noqa: E402
from sosql.derive import crashes, events  # noqa: E402 (after the path is set)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import oops_corpus  # noqa: E402  (its reader of ABRT's expected reports)

CORPUS = ROOT.parent / "shared" / "corpus"
ABRT = CORPUS / "oops" / "abrt-examples"
SATYR = CORPUS / "oops" / "satyr-kerneloopses"
HEALTHY = ["sos/*/var/log/kern.log", "sos/*/var/log/syslog", "sos/*/var/log/dmesg",
           "sos/*/sos_commands/kernel/dmesg", "syslog/loghub-Linux_2k.log"]
SYSLOG = re.compile(r"^(?:<\d+>)?(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*) \S+ ")
SERIOUS = ("critical", "high")

# The kind a report header (or a syzkaller title) names: the first rule whose regex is
# found in it. None: not a kernel report (a user-space trap, a syzkaller infrastructure
# title). Lockdep reports ('possible circular locking', 'suspicious RCU usage', ...) and
# UBSAN's are warnings: the kernel goes on (sosql files them as kernel_warning, as the
# kernel's own 'WARNING:' header of newer lockdep reports says).
LOCKDEP = "kernel_warning"
RULES = [
    (r"^traps: |segfault at |lost connection to test machine|no output from test machine"
     r"|suppressed report|SYZFAIL", None),
    (r"[Kk]ernel panic|^PANIC: ", "kernel_panic"),
    (r"soft lockup", "soft_lockup"),
    (r"hard LOCKUP", "hard_lockup"),
    (r"rcu\w* (?:self-)?detected (?:expedited )?stall", "rcu_stall"),
    (r"INFO: task .*(?:blocked for more than|hung)", "hung_task"),
    (r"page allocation failure", "page_alloc_failure"),
    (r"Machine [Cc]heck|\[Hardware Error\]", "mce"),
    (r"NETDEV WATCHDOG", "netdev_watchdog"),
    (r"[Oo]ut of memory|oom-kill|Killed process \d+", "oom_kill"),
    (r"possible (?:recursive|circular) locking|possible deadlock|inconsistent lock state|suspicious RCU usage"
     r"|suspicious rcu_dereference|bad unlock balance|lock held when returning|held lock freed|still has locks held"
     r"|trying to register non-static key|UBSAN:", LOCKDEP),
    (r"WARNING", "kernel_warning"),
    (r"KASAN:|KMSAN:|KCSAN:|KFENCE:|\bBUG[: ]|general protection fault|kernel BUG|[Uu]nable to handle"
     r"|divide error|invalid opcode|Internal error|\bOops\b", "oops"),
]
RULES = [(re.compile(regex), kind) for regex, kind in RULES]
NO_KIND = object()     # a line no rule knows


def kind_of(line):
    return next((kind for regex, kind in RULES if regex.search(line)), NO_KIND)


def first_header(text):
    """(kind, line) of the first line that names a kernel report, or (None, None)."""
    for line in text.splitlines():
        kind = kind_of(line)
        if kind is not NO_KIND and kind is not None:
            return kind, line.strip()
    return None, None


# -- reading a log as a bundle would ------------------------------------------------
def kernel_lines(text):
    """(line_no, message) of the kernel lines, read with the parser a bundle would use."""
    lines = [line for line in text.splitlines() if line.strip()]
    syslog = sum(bool(SYSLOG.match(line)) for line in lines) > len(lines) / 2
    out = []
    for table in parsers.get("syslog" if syslog else "dmesg").parse([(1, text)]):
        rows = table.select(["line_no", "program", "message"] if syslog else ["line_no", "message"]).to_pylist()
        out += [(r["line_no"], r["message"] or "") for r in rows if not syslog or r["program"] == "kernel"]
    return out


class Recogniser:
    def __init__(self):
        self.patterns = [(p, re.compile(p.regex)) for p in events.load_patterns()
                         if not p.programs or "kernel" in p.programs]
        self.severity = {p.kind: p.severity for p, _ in self.patterns}

    def __call__(self, text):
        """kind -> (severity, first message) of what sosql recognises in the log."""
        lines = kernel_lines(text)
        found = {}
        for pattern, regex in self.patterns:
            hit = next((m for _, m in lines if regex.search(m)), None)
            if hit is not None:
                found[pattern.kind] = (pattern.severity, hit)
        for crash in crashes.assemble(lines):
            found.setdefault(crash["kind"], (self.severity.get(crash["kind"]) or crashes.SEVERITY.get(crash["kind"], "high"),
                                            crash["title"]))
            found.setdefault("crash", ("info", crash["title"]))    # some report: the 'any' column
        return found


# -- the sources ------------------------------------------------------------------------
class Case:
    def __init__(self, name, path, text, expected, header=None, note=""):
        self.name, self.path, self.text, self.expected = name, path, text, expected
        self.header, self.note = header, note


def abrt_blocks(right):
    """The first header line of each report in an ABRT .right file (oops_corpus reads the blocks)."""
    return [next((line for line in b if kind_of(line) not in (NO_KIND, None)), None) for b in oops_corpus.expected(right)]


def abrt_cases(folder):
    folder = Path(folder)
    tests = sorted(folder.glob("*.test")) + sorted(p for p in folder.glob("*.test.template")
                                                   if not p.with_suffix("").exists())
    cases, skipped = [], []
    for test in sorted(tests):
        stem = test.name.split(".test")[0]
        text = test.read_text(errors="replace").replace(":HOSTNAME:", "host")
        right = folder / f"{stem}.right"
        if stem.startswith(("not_oops", "no_oops")):
            cases.append(Case(test.name, test, text, set()))
        elif stem.startswith("xorg"):
            skipped.append((test.name, "Xorg crash, not a kernel report"))
        elif right.exists():
            heads = [h for h in abrt_blocks(right.read_text(errors="replace")) if h]
            if heads:
                cases.append(Case(test.name, test, text, {kind_of(h) for h in heads}, heads[0]))
            else:
                skipped.append((test.name, ".right names no kernel report"))
        else:
            kind, head = first_header(text)
            if kind:
                cases.append(Case(test.name, test, text, {kind}, head, "no .right"))
            else:
                skipped.append((test.name, "no .right and no header"))
    return cases, skipped


def satyr_cases(folder):
    cases, skipped = [], []
    for path in sorted(Path(folder).iterdir()):
        text = path.read_text(errors="replace")
        kind, head = first_header(text)
        if kind:
            cases.append(Case(path.name, path, text, {kind}, head))
        else:
            skipped.append((path.name, "no header line"))
    return cases, skipped


def syzkaller_split(raw):
    """(headers dict, console log) of a syzkaller report test file."""
    head, _, log = raw.partition("\n\n") if not raw.startswith("\n") else ("", "", raw[1:])
    if not all(re.match(r"^(?:#|[A-Z]+: )", line) for line in head.splitlines()):
        head, log = "", raw                        # no header block: all of it is the log
    headers = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        headers.setdefault(key, value)
    log = re.split(r"(?m)^REPORT:$", log)[0]      # the expected report some files append
    return headers, log


def syzkaller_cases(folder):
    cases, skipped = [], []
    paths = sorted((p for p in Path(folder).iterdir() if p.is_file()),
                   key=lambda p: (not p.name.isdigit(), int(p.name) if p.name.isdigit() else 0, p.name))
    for path in paths:
        headers, log = syzkaller_split(path.read_text(errors="replace"))
        title = headers.get("TITLE")
        note = "corrupted" if headers.get("CORRUPTED") == "Y" else ""
        if title is None:
            cases.append(Case(path.name, path, log, set(), note="no TITLE"))
            continue
        kind = kind_of(title)
        if kind is NO_KIND or kind is None:
            skipped.append((path.name, f"TITLE: {title}"))
        else:
            cases.append(Case(path.name, path, log, {kind}, first_header(log)[1] or f"TITLE: {title}", note))
    return cases, skipped


def label_cases(tsv):
    tsv = Path(tsv)
    cases = []
    for line in tsv.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rel, kinds = line.split("\t")[:2]
        path = tsv.parent / rel
        text = path.read_text(errors="replace")
        expected = set(kinds.split(",")) - {"none", ""}
        cases.append(Case(rel, path, text, expected, first_header(text)[1]))
    return cases, []


def healthy_cases(paths):
    """Logs of hosts that had no crash: `paths`, or the corpus' sos logs and loghub's syslog."""
    files = [p for pattern in HEALTHY for p in sorted(CORPUS.glob(pattern))] if paths is None else paths
    return [Case(str(p), Path(p), Path(p).read_text(errors="replace"), set()) for p in files], []


# -- scoring and printing -----------------------------------------------------------
def score(cases, recognise):
    """Fill each case's `found`; return per kind [hits, any, total] and the misses."""
    table, misses = collections.defaultdict(lambda: [0, 0, 0]), []
    for case in cases:
        case.found = recognise(case.text)
        trouble = "crash" in case.found or any(s in SERIOUS for s, _ in case.found.values())
        for kind in sorted(case.expected):
            row = table[kind]
            row[0] += kind in case.found
            row[1] += trouble
            row[2] += 1
            if kind not in case.found:
                misses.append((case, kind))
    return table, misses


def alarms(case):
    return sorted((k, m) for k, (s, m) in case.found.items() if s in SERIOUS)


def pct(hits, total):
    return f"{hits:>4}/{total:<4} {100 * hits / total:5.1f}%" if total else f"{'-':>15}"


def report(name, cases, skipped, recognise, show_misses):
    sick = [c for c in cases if c.expected]
    healthy = [c for c in cases if not c.expected]
    table, misses = score(sick, recognise)
    score(healthy, recognise)
    print(f"\n== {name}: {len(sick)} crash logs, {len(healthy)} healthy, {len(skipped)} skipped")
    if table:
        print(f"  {'expected kind':20} {'recognised':>15}  {'any trouble':>15}")
        for kind in sorted(table):
            hits, anything, total = table[kind]
            print(f"  {kind:20} {pct(hits, total)}  {pct(anything, total)}")
        totals = [sum(r[i] for r in table.values()) for i in range(3)]
        print(f"  {'total':20} {pct(totals[0], totals[2])}  {pct(totals[1], totals[2])}")
    clean = [c for c in healthy if not alarms(c)]
    if healthy:
        print(f"  {'healthy: clean':20} {pct(len(clean), len(healthy))}")
    for case in healthy:
        for kind, message in alarms(case):
            print(f"    false alarm: {case.name}: {kind}: {message[:110]}")
    if show_misses:
        for case, kind in misses:
            others = ",".join(sorted(k for k in case.found if k != "crash")) or "-"
            print(f"    miss: {case.name} [{kind}{', ' + case.note if case.note else ''}] found: {others}")
            print(f"          {(case.header or '?')[:150]}")
        for file, why in skipped:
            print(f"    skipped: {file}: {why[:140]}")
    return table, len(clean), len(healthy)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--abrt", default=ABRT, type=Path)
    ap.add_argument("--satyr", default=SATYR, type=Path)
    ap.add_argument("--syzkaller", type=Path)
    ap.add_argument("--labels", type=Path, action="append", default=[])
    ap.add_argument("--healthy", type=Path, nargs="+")
    ap.add_argument("--misses", action="store_true", help="list the missed logs and their header line")
    args = ap.parse_args(argv)
    sources = [("abrt", abrt_cases, args.abrt), ("satyr", satyr_cases, args.satyr)]
    sources += [("syzkaller", syzkaller_cases, args.syzkaller)] if args.syzkaller else []
    sources += [(f"labels {tsv}", label_cases, tsv) for tsv in args.labels]
    sources += [("healthy corpus logs", healthy_cases, args.healthy)]
    recognise = Recogniser()
    grand, clean, healthy = collections.defaultdict(lambda: [0, 0, 0]), 0, 0
    for name, read, where in sources:
        missing = [w for w in (where if isinstance(where, list) else [where]) if w is not None and not Path(w).exists()]
        if missing:
            print(f"\n== {name}: {', '.join(map(str, missing))} not found, left out")
            continue
        cases, skipped = read(where)
        table, c, h = report(name, cases, skipped, recognise, args.misses)
        clean, healthy = clean + c, healthy + h
        for kind, row in table.items():
            grand[kind] = [a + b for a, b in zip(grand[kind], row)]
    totals = [sum(r[i] for r in grand.values()) for i in range(3)]
    print(f"\n== all sources\n  {'expected kind':20} {'recognised':>15}  {'any trouble':>15}")
    for kind in sorted(grand):
        print(f"  {kind:20} {pct(grand[kind][0], grand[kind][2])}  {pct(grand[kind][1], grand[kind][2])}")
    print(f"  {'total (recall)':20} {pct(totals[0], totals[2])}  {pct(totals[1], totals[2])}")
    print(f"  {'healthy: clean':20} {pct(clean, healthy)}")
    return totals, clean, healthy


if __name__ == "__main__":
    main()
