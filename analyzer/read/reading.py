"""How far the reading of each bundle has got, in bytes of its file: for the load's progress bar,
which then moves within a big bundle too, not only from one bundle to the next.

Whoever wants the positions sets `report` to a callable(path, nbytes) (the CLI's bar does).
The archive reader calls it every STEP bytes of an archive, and after each member of a
directory. Worker processes cannot call back into the loading process: their reader writes the
position to a small file in the load's staging folder (FileReport), and the loading process
passes what the files say to `report` while it waits for the batches (collect).
"""
import os
from pathlib import Path

STEP = 4 << 20          # report every 4 MiB read
report = None           # callable(path, nbytes), or None: nobody is watching


class Counted:
    """A binary file whose position is reported as it is read."""

    def __init__(self, raw, path):
        self.raw, self.path, self.told = raw, str(path), 0

    def read(self, size=-1):
        data = self.raw.read(size)
        position = self.raw.tell()
        if report is not None and position - self.told >= STEP:
            self.told = position
            report(self.path, position)
        return data

    def seek(self, offset, whence=0):
        return self.raw.seek(offset, whence)

    def tell(self):
        return self.raw.tell()


def counted(raw, path):
    """`raw` as is when nobody watches, else wrapped to report its position."""
    return raw if report is None else Counted(raw, path)


class FileReport:
    """A worker's report: the bundle it reads and how far, in a file of the staging folder."""

    def __init__(self, folder):
        self.file = Path(folder) / f"reading-{os.getpid()}"

    def __call__(self, path, nbytes):
        temporary = self.file.with_suffix(".tmp")
        temporary.write_text(f"{nbytes}\t{path}")
        os.replace(temporary, self.file)       # the reader never sees half a line


def collect(folder):
    """Pass what the workers' files say to `report`."""
    if report is None:
        return
    for file in Path(folder).glob("reading-*[0-9]"):
        try:
            nbytes, path = file.read_text().split("\t", 1)
        except (OSError, ValueError):          # gone, or being replaced
            continue
        report(path, int(nbytes))
