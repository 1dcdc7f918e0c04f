"""/etc/default/grub: the kernel command line the next boot will get.

Sample input::

    GRUB_TIMEOUT=5
    GRUB_CMDLINE_LINUX="crashkernel=auto rd.lvm.lv=rhel/root rhgb quiet"
    GRUB_CMDLINE_LINUX_DEFAULT="iommu=pt"

Example: grub_cmdline 'crashkernel=auto rd.lvm.lv=rhel/root rhgb quiet iommu=pt'
(GRUB_CMDLINE_LINUX, then GRUB_CMDLINE_LINUX_DEFAULT, which grub appends for normal boots).
A file without either says nothing.
"""
import re
import shlex

KIND = "facts"

SETTING = re.compile(r"^\s*(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=(.*)$")


def parse(text):
    found = {}
    for line in text.splitlines():
        match = SETTING.match(line)
        if match:
            try:
                found[match.group(1)] = " ".join(shlex.split(match.group(2), comments=True))
            except ValueError:                # an unclosed quote: take the text as it is
                found[match.group(1)] = match.group(2).strip("\"' ")
    if not found:
        return {}
    parts = [found.get("GRUB_CMDLINE_LINUX", ""), found.get("GRUB_CMDLINE_LINUX_DEFAULT", "")]
    return {"grub_cmdline": " ".join(" ".join(parts).split())}
