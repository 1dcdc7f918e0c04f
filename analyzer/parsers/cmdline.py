"""/proc/cmdline: the command line the running kernel was booted with.

Sample input::

    BOOT_IMAGE=/vmlinuz-3.10.0-957.el7.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto iommu=pt

Example: kernel_cmdline 'BOOT_IMAGE=/vmlinuz-3.10.0-957.el7.x86_64 root=/dev/mapper/rhel-root ro
crashkernel=auto iommu=pt' (whitespace collapsed). Rules read parameters from it with
regexes on word boundaries: `regexp_matches(kernel_cmdline, '(^| )crashkernel=')`.
"""
KIND = "facts"


def parse(text):
    line = " ".join(text.split())
    return {"kernel_cmdline": line} if line else {}
