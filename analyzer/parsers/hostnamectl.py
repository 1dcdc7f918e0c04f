"""`hostnamectl status`: systemd-detect-virt's verdict on whether the node is a VM or container.

lscpu names the hypervisor only when the CPU advertises one (not under every hypervisor, never
in a container); hostnamectl prints `Virtualization:` for both and nothing on bare metal, so a
bundle without lscpu's line still says it is not a physical host.

Sample input::

       Static hostname: compute4
             Icon name: computer-vm
               Chassis: vm
        Virtualization: kvm
      Operating System: Ubuntu 20.04.3 LTS

Example: cpu_hypervisor 'kvm' (absent on a physical host).
"""
KIND = "facts"


def parse(text):
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() == "Virtualization" and value.strip():
            return {"cpu_hypervisor": value.strip()}
    return {}
