"""The load progress bar: bundles done, bundles/s and MB/s (rich), on a terminal only."""
import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from .hostfacts import bundle_size


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

