"""/proc/sys/kernel/tainted: why the kernel is tainted, as a bit mask.

Sample input::

    12289

Example: tainted 12289, taint_flags 'P O E' (bits 0, 12, 13). Letters follow the
kernel's own (Documentation/admin-guide/tainted-kernels.rst); bit 0 unset reads 'G'
only when other bits are set.
"""
KIND = "facts"

LETTERS = "PFSRMBUDAWCIOELKXTN"   # bit n -> LETTERS[n]


def parse(text):
    value = text.strip().split()[0] if text.strip() else ""
    if not (value.isascii() and value.isdigit()):     # "²" is a digit to str.isdigit, not to int()
        return {}
    mask = int(value)
    flags = [LETTERS[bit] for bit in range(len(LETTERS)) if mask >> bit & 1]
    if mask and not mask & 1:
        flags.insert(0, "G")
    return {"tainted": mask, "taint_flags": " ".join(flags)}
