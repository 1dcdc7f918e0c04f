"""`lscpu` output: the processors of the node.

Sample input::

    Architecture:                    x86_64
    CPU(s):                          64
    Socket(s):                       2
    Vendor ID:                       AuthenticAMD
    Model name:                      AMD EPYC 7502 32-Core Processor
    Hypervisor vendor:               KVM

Example: cpu_model 'AMD EPYC 7502 32-Core Processor', cpu_vendor 'AuthenticAMD',
cpus 64, sockets 2, cpu_hypervisor 'KVM' (absent on a physical host).
"""
KIND = "facts"

FIELDS = {"Model name": "cpu_model", "Vendor ID": "cpu_vendor", "CPU(s)": "cpus", "Socket(s)": "sockets",
          "Hypervisor vendor": "cpu_hypervisor"}
NUMBERS = {"cpus", "sockets"}


def parse(text):
    facts = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        name = FIELDS.get(key.strip())
        if sep and name and value.strip() and name not in facts:
            value = value.strip()
            facts[name] = (int(value) if value.isdigit() else None) if name in NUMBERS else value
    return facts
