"""Container runtimes, Kubernetes' node agent and the container network."""
from sosql.store.schema.table import BUNDLE_ID, table

TABLES = (
    table(
        "docker_info", "The container engine's own report (docker info, JSON or text).",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from."),
        ("server_version", "VARCHAR", "Engine version."),
        ("storage_driver", "VARCHAR", "overlay2, devicemapper, ..."),
        ("backing_filesystem", "VARCHAR", "Filesystem under the storage driver (xfs, extfs...)."),
        ("supports_d_type", "BOOLEAN", "Whether the backing filesystem supports d_type."),
        ("data_loop_file", "VARCHAR", "devicemapper's loop-mounted data file, where it uses one."),
        ("cgroup_driver", "VARCHAR", "cgroupfs or systemd."),
        ("logging_driver", "VARCHAR", "json-file, journald, ..."),
        ("kernel_version", "VARCHAR", "Kernel the engine reports."),
        ("operating_system", "VARCHAR", "OS the engine reports."),
        ("docker_root_dir", "VARCHAR", "Docker root dir."),
        ("runtimes", "VARCHAR", "Runtimes, comma-separated."),
        ("default_runtime", "VARCHAR", "Default runtime."),
        ("warnings", "VARCHAR", "WARNING lines, newline-separated."),
    ),
    table(
        "container_runtime", "Container runtimes other than docker (docker_info has docker): podman info and "
        "crictl info (containerd, CRI-O), one row per tool that answered.",
        BUNDLE_ID,
        ("tool", "VARCHAR", "'podman info' or 'crictl info'."),
        ("runtime", "VARCHAR", "podman, containerd (crictl info with a containerd config), or cri (another CRI "
         "runtime, e.g. CRI-O)."),
        ("version", "VARCHAR", "Runtime version, where the output gives it (podman 2+)."),
        ("storage_driver", "VARCHAR", "Storage driver or snapshotter: overlay, overlayfs, devmapper, vfs..."),
        ("storage_root", "VARCHAR", "Where images and containers are stored (podman's graphRoot)."),
        ("cgroup_driver", "VARCHAR", "systemd or cgroupfs (podman's cgroupManager; containerd's runc "
         "SystemdCgroup)."),
        ("cgroup_version", "VARCHAR", "v1 or v2 (podman)."),
        ("oci_runtime", "VARCHAR", "The OCI runtime it starts containers with: runc, crun..."),
        ("network_ready", "BOOLEAN", "crictl info's NetworkReady condition: false when the CNI plugin is not "
         "initialized."),
        ("network_message", "VARCHAR", "Its reason and message when not ready."),
    ),
    table(
        "kubelet_config", "kubelet's settings: config.yaml keys (nested keys dotted), the flags of "
        "/etc/sysconfig/kubelet, /etc/default/kubelet and kubeadm-flags.env, and the flags of the running "
        "kubelet's command line (from processes).",
        BUNDLE_ID,
        ("source", "VARCHAR", "Catalog source it came from: kubelet_config, or processes for the command line."),
        ("file", "VARCHAR", "The file's name: config.yaml, kubelet, kubeadm-flags.env; 'command line'."),
        ("name", "VARCHAR", "Key (failSwapOn, evictionHard.memory.available) or flag (--fail-swap-on)."),
        ("value", "VARCHAR", "Its value as written; a list's items comma-separated; a bare flag 'true'."),
    ),
    table(
        "cni_configs", "CNI network configurations (/etc/cni/net.d/*): one row per plugin of each file, in "
        "chain order.",
        BUNDLE_ID,
        ("file", "VARCHAR", "File name, e.g. 10-flannel.conflist (the runtime uses the first valid one in name "
         "order)."),
        ("network", "VARCHAR", "The network's name."),
        ("cni_version", "VARCHAR", "cniVersion."),
        ("position", "INTEGER", "1-based position of the plugin in the file's chain (1 for a single .conf)."),
        ("type", "VARCHAR", "Plugin type: flannel, calico, bridge, portmap, cilium-cni, weave-net..."),
        ("ipam_type", "VARCHAR", "Its IPAM plugin (host-local, calico-ipam...), where it has one."),
        ("subnet", "VARCHAR", "IPAM subnet (ipam.subnet or the first range), where given."),
        ("config", "VARCHAR", "The plugin's configuration as JSON."),
    ),
)
