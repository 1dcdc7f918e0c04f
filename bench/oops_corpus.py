"""How well sosql assembles real kernel crash reports: ABRT's test pairs as the reference.

    python bench/oops_corpus.py [../shared/corpus/oops/abrt-examples]

Each `X.test` (a log with oopses) has an `X.right` listing the oopses ABRT
extracts. For each pair this prints how many reports each side found, how many
of ABRT's reports sosql found with the same first and last line (sosql keeps
the closing '---[ end trace' line, ABRT does not: that difference is not
counted), and with the same function frames, and a total line. Xorg crash pairs are not kernel
reports and are left out.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sosql import parsers  # noqa: E402
from sosql.derive import crashes

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "oops" / "abrt-examples"
SYSLOG = re.compile(r"^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ ")


def expected(right):
    """ABRT's reports: blocks after each 'Version:' line, blank lines dropped."""
    blocks, current = [], None
    for line in right.splitlines():
        if line.startswith("Version: "):
            current = []
            blocks.append(current)
        elif current is not None and line.strip() and not line.startswith("abrt-dump-oops"):
            current.append(line)
    return [b for b in blocks if b]


def kernel_lines(test):
    """(line_no, message) of the kernel lines, read with the parser a bundle would use."""
    text = test.replace(":HOSTNAME:", "host")
    lines = [line for line in text.splitlines() if line.strip()]
    syslog = sum(bool(SYSLOG.match(line)) for line in lines) > len(lines) / 2
    out = []
    for table in parsers.get("syslog" if syslog else "dmesg").parse([(1, text)]):
        out += [(r["line_no"], r["message"]) for r in table.to_pylist() if not syslog or r["program"] == "kernel"]
    return out


def same(a, b):
    return " ".join(a.split()) == " ".join(b.split())


def compare(test, right):
    ours = crashes.assemble(kernel_lines(test))
    theirs = expected(right)
    bounds = frames = 0
    for block in theirs:
        match = next((c for c in ours if same(c["lines"][0], block[0]) or same(c["title"], block[0])), None)
        if match is None:
            continue
        kept = [line for line in match["lines"] if line.strip()]
        if kept[-1].startswith("---[ end") and not block[-1].startswith("---[ end"):
            kept.pop()                    # ABRT leaves the end marker out; sosql keeps it
        bounds += same(kept[-1], block[-1])
        frames += [f for f, _ in crashes.frames_of(block)] == match["frames"]
    return len(theirs), len(ours), bounds, frames


def main(folder=DEFAULT):
    folder = Path(folder)
    totals = [0, 0, 0, 0]
    print(f"{'pair':40} {'abrt':>4} {'ours':>4} {'bounds':>6} {'frames':>6}")
    for right in sorted(folder.glob("*.right")):
        test = next((p for p in (right.with_suffix(".test"), Path(f"{right.with_suffix('.test')}.template"))
                     if p.exists()), None)
        if test is None or right.name.startswith("xorg"):
            continue
        row = compare(test.read_text(errors="replace"), right.read_text(errors="replace"))
        totals = [t + r for t, r in zip(totals, row)]
        print(f"{right.stem:40} {row[0]:>4} {row[1]:>4} {row[2]:>6} {row[3]:>6}")
    print(f"{'total':40} {totals[0]:>4} {totals[1]:>4} {totals[2]:>6} {totals[3]:>6}")
    return totals


if __name__ == "__main__":
    main(*sys.argv[1:])
