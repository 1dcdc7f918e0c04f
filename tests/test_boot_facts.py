"""CPU and boot facts (lscpu, hostnamectl, /proc/cmdline, /etc/default/grub) in the hosts table. The rules
on them (amd_iommu_not_passthrough, kdump_not_configured) have their cases beside them (`<rule>.cases.toml`)."""
from sosql import load, open_store

from bundles import native_files, write_dir
from conftest import fixture_text

EPYC = fixture_text("lscpu.txt")


def facts(tmp_path, **files):
    extra = {f"{'commands' if k == 'lscpu' else 'files'}/{k.replace('__', '/')}": v for k, v in files.items()}
    bundle = write_dir(tmp_path / "b", native_files(extra=extra))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        return store.execute("SELECT cpu_model, cpus, sockets, cpu_hypervisor, kernel_cmdline, grub_cmdline "
                             "FROM hosts").fetchall()[0]


def test_facts_from_lscpu_cmdline_and_grub(tmp_path):
    found = facts(tmp_path, lscpu=EPYC, proc__cmdline=fixture_text("cmdline.txt"),
                  etc__default__grub=fixture_text("grub_default.txt"))
    assert found == ("AMD EPYC 7502 32-Core Processor", 64, 2, None,
                     "BOOT_IMAGE=/vmlinuz-3.10.0-957.el7.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto rhgb quiet",
                     "crashkernel=auto rd.lvm.lv=rhel/root rhgb quiet iommu=pt amd_iommu=on")


def test_hostnamectl_says_a_vm_when_lscpu_does_not(tmp_path):
    # A sos report whose lscpu has no "Hypervisor vendor" line: hostnamectl's Virtualization still says VM.
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 4.2\n", "sos_commands/host/hostname": "epyc-vm\n",
        "sos_commands/processor/lscpu": EPYC, "proc/cmdline": "ro quiet\n",
        "sos_commands/host/hostnamectl_status": fixture_text("hostnamectl.txt")})
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        assert store.execute("SELECT cpu_hypervisor FROM hosts").fetchall() == [("kvm",)]


def test_real_trees_give_cpu_and_boot_facts(corpus_store):
    assert corpus_store.execute("SELECT cpu_model, cpus, cpu_hypervisor, kernel_cmdline, grub_cmdline FROM hosts "
                                "WHERE hostname = 'compute4'").fetchall() == [
        ("Intel Core Processor (Skylake, IBRS)", 2, "KVM",
         "BOOT_IMAGE=/boot/vmlinuz-5.4.0-97-generic root=UUID=51babbe8-f78f-46a4-8830-d351c3830325 ro", "")]
