"""CPU and boot facts (lscpu, /proc/cmdline, /etc/default/grub) and the rules on them."""
import pytest

from sosql import load, open_store
from sosql.rules import checks

from bundles import native_files, write_dir
from conftest import CORPUS, fixture_text, requires_corpus

EPYC = fixture_text("lscpu.txt")
PANIC = "Jul 10 09:40:06 n kernel: Kernel panic - not syncing: Fatal exception\n"


def findings(tmp_path, rule, **files):
    extra = {f"{'commands' if k == 'lscpu' else 'files'}/{k.replace('__', '/')}": v for k, v in files.items()}
    messages = extra.pop("files/messages", "")
    bundle = write_dir(tmp_path / "b", native_files(messages=messages, extra=extra))
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=[rule]))
        facts = store.execute("SELECT cpu_model, cpus, sockets, cpu_hypervisor, kernel_cmdline, grub_cmdline "
                              "FROM hosts").fetchall()[0]
        return facts, [r[0] for r in store.execute("SELECT evidence FROM findings").fetchall()]


def test_facts_from_lscpu_cmdline_and_grub(tmp_path):
    facts, _ = findings(tmp_path, "amd_iommu_not_passthrough", lscpu=EPYC, proc__cmdline=fixture_text("cmdline.txt"),
                        etc__default__grub=fixture_text("grub_default.txt"))
    assert facts == ("AMD EPYC 7502 32-Core Processor", 64, 2, None,
                     "BOOT_IMAGE=/vmlinuz-3.10.0-957.el7.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto rhgb quiet",
                     "crashkernel=auto rd.lvm.lv=rhel/root rhgb quiet iommu=pt amd_iommu=on")


@pytest.mark.parametrize("lscpu, cmdline, fires", [
    (EPYC, "ro quiet", True),
    (EPYC, "ro iommu=pt quiet", False),
    (EPYC + "Hypervisor vendor:               KVM\n", "ro quiet", False),         # a VM: its host decides
    (EPYC.replace("AMD EPYC 7502 32-Core Processor", "Intel(R) Xeon(R) Gold 6230"), "ro quiet", False),
])
def test_amd_iommu_pass_through_on_physical_epyc_only(tmp_path, lscpu, cmdline, fires):
    _, found = findings(tmp_path, "amd_iommu_not_passthrough", lscpu=lscpu, proc__cmdline=cmdline)
    assert found == (["AMD EPYC 7502 32-Core Processor booted with: " + cmdline] if fires else [])


def test_hostnamectl_says_a_vm_when_lscpu_does_not(tmp_path):
    # A sos report whose lscpu has no "Hypervisor vendor" line: hostnamectl's Virtualization still says VM.
    bundle = write_dir(tmp_path / "b", {
        "version.txt": "sosreport: 4.2\n", "sos_commands/host/hostname": "epyc-vm\n",
        "sos_commands/processor/lscpu": EPYC, "proc/cmdline": "ro quiet\n",
        "sos_commands/host/hostnamectl_status": fixture_text("hostnamectl.txt")})
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [bundle], strict=True)
        checks.run(store, checks.select(checks.discover()[0], only=["amd_iommu_not_passthrough"]))
        assert store.execute("SELECT cpu_hypervisor FROM hosts").fetchall() == [("kvm",)]
        assert store.execute("SELECT count(*) FROM findings").fetchone() == (0,)


@pytest.mark.parametrize("cmdline, log, fires", [
    ("ro quiet", PANIC, True),
    ("ro crashkernel=auto quiet", PANIC, False),
    ("ro crashkernel=256M", PANIC + "Jul 10 09:00:00 n kernel: crashkernel reservation failed - No suitable area found.\n",
     True),
    ("ro quiet", "", False),                                                   # no crash: nothing lost yet
])
def test_kdump_missing_matters_when_the_node_crashed(tmp_path, cmdline, log, fires):
    _, found = findings(tmp_path, "kdump_not_configured", proc__cmdline=cmdline, messages=log)
    assert len(found) == fires
    assert not fires or found[0].endswith(PANIC.strip())


@requires_corpus
def test_real_trees_give_cpu_and_boot_facts(tmp_path):
    with open_store(tmp_path / "s.duckdb", read_only=False) as store:
        load(store, [CORPUS / "sos" / "hotsos-openstack"])
        assert store.execute("SELECT cpu_model, cpus, cpu_hypervisor, kernel_cmdline, grub_cmdline FROM hosts").fetchall() == [
            ("Intel Core Processor (Skylake, IBRS)", 2, "KVM",
             "BOOT_IMAGE=/boot/vmlinuz-5.4.0-97-generic root=UUID=51babbe8-f78f-46a4-8830-d351c3830325 ro", "")]
