"""The insights-core side of the comparison: parse a sos archive's messages and dmesg
with insights-core's own parsers and count soft lockups.

    python bench/insights_baseline.py sosreport-....tar.xz

Extracts the archive (as insights-core does), then runs its Messages and
DmesgLineList parsers on var/log/messages and sos_commands/kernel/dmesg.
"""
import sys
import tarfile
import tempfile
from pathlib import Path

from insights.core.context import Context
from insights.parsers.dmesg import DmesgLineList
from insights.parsers.messages import Messages


def context(path):
    return Context(content=path.read_text(errors="replace").splitlines(), path=str(path))


def main(archive):
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(archive) as tar:
            tar.extractall(folder)
        root = next(Path(folder).iterdir())
        messages = Messages(context(root / "var/log/messages"))
        dmesg = DmesgLineList(context(root / "sos_commands/kernel/dmesg"))
        lockups = len(messages.get("soft lockup")) + len(dmesg.get("soft lockup"))
    print(f"soft lockups: {lockups}")


if __name__ == "__main__":
    main(sys.argv[1])
