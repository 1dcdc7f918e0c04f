"""Tables for a terminal, drawn as DuckDB's shell does: a column never wraps; a long value is
cut with …, and when the columns do not fit the width the middle ones are left out (an …
column stands for them) and the footer says how many rows and columns were shown."""
import json
from numbers import Number

CELL_MAX = 40        # characters of one value before it is cut
CELL_NARROW = (32, 24, 16)   # tighter cuts tried before columns are left out
ELIDED = "…"


def text(value):
    """A value as one line of text; floats rounded for reading (the exact ones: --format csv/json)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) >= 1 or value == 0 else f"{value:.3g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str)
    return " ".join(str(value).split("\n"))


def _cut(value, width):
    return value if len(value) <= width else value[:max(width - 1, 0)] + ELIDED


def _frame(widths):
    return sum(w + 3 for w in widths) + 1


def _fit(widths, width):
    """Column indexes to show, with None where columns are left out: both ends first."""
    everything = list(range(len(widths)))
    if _frame(widths) <= width:
        return everything
    left, right = [], []
    for index in _from_both_ends(len(widths)):
        trial = sorted(left + right + [index])
        if _frame([widths[i] for i in trial] + [1]) > width and (left or right):
            break
        (left if index < len(widths) / 2 else right).append(index)
    return sorted(left) + [None] + sorted(right)


def _from_both_ends(count):
    low, high = 0, count - 1
    while low <= high:
        yield low
        if high != low:
            yield high
        low, high = low + 1, high - 1


def render(names, rows, total_rows, width):
    """The lines of a table of `rows` (lists of values) out of `total_rows`, at most `width` wide."""
    cells = [[text(v) for v in row] for row in rows]
    natural = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    for cap in (CELL_MAX, *CELL_NARROW):     # narrower cells first, fewer columns last
        widths = [min(cap, w) for w in natural]
        if _frame(widths) <= width:
            break
    shown = _fit(widths, width)
    spare = width - _frame([widths[i] if i is not None else 1 for i in shown])
    if spare < 0:                      # one column wider than the terminal: cut it to fit
        widths[shown[0]] = max(widths[shown[0]] + spare, 3)
    right = [all(isinstance(r[i], Number) and not isinstance(r[i], bool) for r in rows if r[i] is not None)
             and any(r[i] is not None for r in rows) for i in range(len(names))]

    def line(values):
        parts = []
        for i, value in zip(shown, values):
            w = 1 if i is None else widths[i]
            value = _cut(value, w)
            parts.append(value.rjust(w) if i is not None and right[i] else value.ljust(w))
        return "│ " + " │ ".join(parts) + " │"

    def rule(left, middle, end):
        return left + middle.join("─" * ((1 if i is None else widths[i]) + 2) for i in shown) + end

    lines = [rule("┌", "┬", "┐"), line([ELIDED if i is None else names[i] for i in shown]), rule("├", "┼", "┤")]
    lines += [line([ELIDED if i is None else row[i] for i in shown]) for row in cells]
    lines.append(rule("└", "┴", "┘"))
    return lines + _footer(len(rows), total_rows, len(names), len(shown) - (None in shown))


def _footer(rows, total_rows, columns, columns_shown):
    notes = []
    if total_rows > rows:
        notes.append(f"{total_rows:,} rows ({rows} shown)")
    if columns_shown < columns:
        notes.append(f"{columns} columns ({columns_shown} shown)")
    return ["  ".join(notes)] if notes else []
