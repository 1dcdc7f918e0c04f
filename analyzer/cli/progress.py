"""Progress on a terminal only (rich, on stderr): the load bar (bundles done, bundles/s and
MB/s), a bar per rule for the check, and a spinner for the report."""
import contextlib
import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from sosql.derive.hostfacts import bundle_size


class RateColumn(ProgressColumn):
    """bundles/s and MB/s since the start."""

    def render(self, task):
        elapsed = task.elapsed or 0
        if not elapsed:
            return Text("")
        mb = task.fields.get("bytes", 0) / (1 << 20)
        return Text(f"{task.completed / elapsed:.1f} bundles/s  {mb / elapsed:.1f} MB/s")


class LoadProgress:
    """Use as `with LoadProgress(bundles) as p: loader.load(..., progress=p.advance)`."""

    def __init__(self, bundles):
        self.sizes = {str(b): bundle_size(b) or 0 for b in bundles}
        self.bar = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TimeElapsedColumn(), transient=True, disable=not sys.stderr.isatty())
        self.task = self.bar.add_task("loading", total=len(bundles), bytes=0)
        self.done = 0

    def advance(self, path, outcome):
        self.done += self.sizes.get(str(path), 0)
        self.bar.update(self.task, advance=1, bytes=self.done)

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
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
