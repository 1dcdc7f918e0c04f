"""Progress on a terminal only (rich, on stderr): the load bar (bytes read, moving within a big
bundle too; bundles done; bundles/s and MB/s), a bar per rule for the check, and a spinner for
the report."""
import contextlib
import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from sosql.derive.hostfacts import bundle_size
from sosql.read import reading


class RateColumn(ProgressColumn):
    """Bundles done, bundles/s and MB/s since the start."""

    def render(self, task):
        elapsed = task.elapsed or 0
        done, total = task.fields.get("bundles", 0), task.fields.get("of", 0)
        rate = f"  {done / elapsed:.1f} bundles/s  {task.completed / (1 << 20) / elapsed:.1f} MB/s" if elapsed else ""
        return Text(f"{done}/{total} bundles{rate}")


class LoadProgress:
    """Use as `with LoadProgress(bundles) as p: loader.load(..., progress=p.advance)`. The bar
    counts bytes: those of the bundles done, and how far the bundles being read have got
    (read/reading.py reports it, from this process or from the workers)."""

    def __init__(self, bundles):
        self.sizes = {str(b): bundle_size(b) or 0 for b in bundles}
        self.bar = Progress(TextColumn("loading"), BarColumn(), RateColumn(), TimeElapsedColumn(),
                            transient=True, disable=not sys.stderr.isatty())
        self.task = self.bar.add_task("loading", total=sum(self.sizes.values()) or 1, bundles=0, of=len(bundles))
        self.done, self.count, self.reading = 0, 0, {}

    def advance(self, path, outcome):
        self.reading.pop(str(path), None)
        self.done += self.sizes.get(str(path), 0)
        self.count += 1
        self._show()

    def read(self, path, nbytes):
        """How far the bundle at `path` has been read (bytes of its file)."""
        if path in self.sizes:
            self.reading[path] = min(nbytes, self.sizes[path])
            self._show()

    def _show(self):
        self.bar.update(self.task, completed=self.done + sum(self.reading.values()), bundles=self.count)

    def __enter__(self):
        self.bar.__enter__()
        if not self.bar.disable:         # nobody to show it to: the reader need not tell
            reading.report = self.read
        return self

    def __exit__(self, *exc):
        reading.report = None
        return self.bar.__exit__(*exc)


class StepProgress:
    """A bar over named steps (the rules of a check): `with StepProgress("checking", n) as p:
    ... p.advance(rule_id)`. Shows nothing when `stream` is not a terminal."""

    def __init__(self, label, total, stream=None):
        stream = stream or sys.stderr
        self.bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[step]}"),
                            TimeElapsedColumn(), transient=True, disable=not stream.isatty(),
                            console=_console(stream))
        self.task = self.bar.add_task(label, total=total, step="")

    def advance(self, step):
        self.bar.update(self.task, advance=1, step=step)

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


@contextlib.contextmanager
def phase(label, stream=None):
    """A spinner with `label` while the block runs (writing the report), on a terminal only."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield
        return
    with _console(stream).status(label):
        yield


def _console(stream):
    from rich.console import Console
    return Console(file=stream, force_terminal=stream.isatty())
