"""/sys/class/dmi/id/product_name: the machine model, which names the hypervisor on VMs.

Sample input::

    VMware Virtual Platform

Example: virtualization 'VMware Virtual Platform'.
"""
KIND = "facts"


def parse(text):
    name = text.strip()
    return {"virtualization": name} if name else {}
