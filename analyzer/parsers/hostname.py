"""`hostname` output, /etc/hostname or /proc/sys/kernel/hostname.

Sample input::

    node5.example.com

Example: hostname 'node5.example.com'. Comment lines (# ...) are skipped.
"""
KIND = "facts"


def parse(text):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return {"hostname": line}
    return {}
