"""History and pressure files of some nodes of the sample fleet: sysstat's text sar file
(files/var/log/sa/sarDD) and /proc/pressure/memory; and node3's bond, CNI and CRI state.

node3 also shows what the summary reads from a node with a bond, CNI and containerd's CRI:
its bond0 runs on one of two links, flannel is its CNI, and crictl reports the network ready.

node3 is short of memory: its PSI says tasks stalled waiting for memory a fifth of the last
minute (memory_pressure). big1's eth0 has taken receive errors every ten minutes since the
morning, a failing optic (interface_errors_rising). node3's sar history and big1's PSI are
calm: the other rule stays silent on each.
"""

SAR_HEADER = "Linux {kernel} ({host}) \t{day} \t_x86_64_\t({cpus} CPU)\n"
CPU = "{t}     CPU     %user     %nice   %system   %iowait    %steal     %idle"
PAGING = "{t}  pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s pgsteal/s    %vmeff"
MEMORY = "{t} kbmemfree kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit"
EDEV = "{t}     IFACE   rxerr/s   txerr/s    coll/s  rxdrop/s  txdrop/s  txcarr/s  rxfram/s  rxfifo/s  txfifo/s"
SAMPLES = 12        # every ten minutes from 08:00 to 10:00, the two hours before collection


def _times():
    return [f"{8 + (10 * n) // 60:02d}:{(10 * n) % 60:02d}:01 AM" for n in range(SAMPLES + 1)]


def sar(host, kernel, day, cpus, rx_errors=0.0):
    """A sar -A text file: CPU, paging, memory and EDEV sections; eth0 takes `rx_errors` per second."""
    times = _times()
    sections = [
        [CPU.format(t=times[0])] + [f"{t}     all {2 + n % 3:9.2f}      0.00      0.61      0.05      0.00"
                                    f" {97 - n % 3 - 0.66:9.2f}" for n, t in enumerate(times[1:])],
        [PAGING.format(t=times[0])] + [f"{t}      0.52     20.13    571.22      0.00    480.11      0.00      0.00"
                                       f"      0.00      0.00" for t in times[1:]],
        [MEMORY.format(t=times[0])] + [f"{t}  {9203412 - 1000 * n:8d}  56604000     86.01      2100   1200300"
                                       f"  40100200     60.20" for n, t in enumerate(times[1:])],
        [EDEV.format(t=times[0])] + [line for t in times[1:] for line in (
            f"{t}      eth0 {rx_errors:9.2f}      0.00      0.00      0.00      0.00      0.00      0.00      0.00"
            f"      0.00",
            f"{t}        lo      0.00      0.00      0.00      0.00      0.00      0.00      0.00      0.00      0.00")],
    ]
    header = SAR_HEADER.format(kernel=kernel, host=host, day=day, cpus=cpus)
    return header + "\n" + "\n\n".join("\n".join(s) for s in sections) + "\n"


def pressure(some10, some60, full10, full60):
    """/proc/pressure/memory with these averages (avg300 a third of avg60)."""
    return (f"some avg10={some10:.2f} avg60={some60:.2f} avg300={some60 / 3:.2f} total={int(some60 * 1e7)}\n"
            f"full avg10={full10:.2f} avg60={full60:.2f} avg300={full60 / 3:.2f} total={int(full60 * 1e7)}\n")


NODE3 = {"files/proc/pressure/memory": pressure(31.50, 21.80, 6.20, 3.10),
         "files/var/log/sa/sar10": sar("node3", "3.10.0-693.el7.x86_64", "07/10/2018", 32)}
BIG1 = {"files/proc/pressure/memory": pressure(0.00, 0.00, 0.00, 0.00),
        "files/var/log/sa/sar10": sar("big1", "3.10.0-957.el7.x86_64", "07/10/2018", 64, rx_errors=14.7)}

BOND = """Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)

Bonding Mode: fault-tolerance (active-backup)
Primary Slave: None
Currently Active Slave: eth0
MII Status: up
MII Polling Interval (ms): 100

Slave Interface: eth0
MII Status: up
Speed: 10000 Mbps
Duplex: full
Link Failure Count: 0
Permanent HW addr: 52:54:00:0a:00:03
Slave queue ID: 0

Slave Interface: eth1
MII Status: down
Speed: Unknown
Duplex: Unknown
Link Failure Count: 2
Permanent HW addr: 52:54:00:0b:00:03
Slave queue ID: 0
"""
FLANNEL_CNI = ('{"name": "cbr0", "cniVersion": "0.3.1", "plugins": [{"type": "flannel", "delegate": '
               '{"hairpinMode": true, "isDefaultGateway": true}}, {"type": "portmap", "capabilities": '
               '{"portMappings": true}}]}\n')
CRICTL_INFO = ('{"status": {"conditions": [{"type": "RuntimeReady", "status": true}, {"type": "NetworkReady", '
               '"status": true}]}, "config": {"containerd": {"snapshotter": "overlayfs", "defaultRuntimeName": '
               '"runc", "runtimes": {"runc": {"options": {"SystemdCgroup": false}}}}, '
               '"cni": {"confDir": "/etc/cni/net.d"}}}\n')
NODE3.update({"files/proc/net/bonding/bond0": BOND, "files/etc/cni/net.d/10-flannel.conflist": FLANNEL_CNI,
              "commands/crictl_info": CRICTL_INFO})
