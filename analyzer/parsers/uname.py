"""`uname -a` output.

Sample input::

    Linux node5 3.10.0-693.el7.x86_64 #1 SMP Tue Aug 22 21:09:27 UTC 2017 x86_64 x86_64 x86_64 GNU/Linux

Example: hostname 'node5', kernel_release '3.10.0-693.el7.x86_64', kernel_version
'#1 SMP Tue Aug 22 21:09:27 UTC 2017', arch 'x86_64'.
"""
import re

from sosql.errors import ParseError

KIND = "facts"

ARCH = r"x86_64|i[3-6]86|aarch64|arm\w*|ppc64\w*|s390x?|riscv64|mips\w*|sparc\w*|ia64|loongarch64"
UNAME = re.compile(rf"^(\S+) (\S+) (\S+) (#.*?) ({ARCH})(?: |$)")


def parse(text):
    line = text.strip().splitlines()[0] if text.strip() else ""
    match = UNAME.match(line)
    if match:
        _, host, release, version, arch = match.groups()
        return {"hostname": host, "kernel_release": release,
                "kernel_version": version, "arch": arch}
    fields = line.split()
    if len(fields) < 3 or fields[0] != "Linux" or not fields[2][:1].isdigit():
        raise ParseError(f"not uname -a output: {line[:80]!r}")
    return {"hostname": fields[1], "kernel_release": fields[2]}
