"""`podman info` (YAML text, or JSON with --format json) and `crictl info` (JSON): the
container runtime a node runs besides or instead of docker, its storage driver and cgroups.

Sample input (sos_commands/podman/podman_info)::

    host:
      cgroupManager: systemd
      cgroupVersion: v1
      ociRuntime:
        name: runc
    store:
      graphDriverName: overlay
      graphRoot: /var/lib/containers/storage
    version:
      Version: 4.4.1

Sample input (sos_commands/containerd/crictl_info)::

    {"status": {"conditions": [{"type": "RuntimeReady", "status": true},
                               {"type": "NetworkReady", "status": false, "reason": "NetworkPluginNotReady",
                                "message": "cni plugin not initialized"}]},
     "config": {"containerd": {"snapshotter": "overlayfs", "defaultRuntimeName": "runc",
                "runtimes": {"runc": {"options": {"SystemdCgroup": true}}}}}}

Example: podman gives ('podman info', 'podman', '4.4.1', 'overlay',
'/var/lib/containers/storage', 'systemd', 'v1', 'runc', NULL, NULL); crictl gives
('crictl info', 'containerd', NULL, 'overlayfs', NULL, 'systemd', NULL, 'runc', false,
'NetworkPluginNotReady: cni plugin not initialized'). Columns: tool, runtime, version,
storage_driver, storage_root, cgroup_driver, cgroup_version, oci_runtime, network_ready,
network_message. Keys are matched without case (podman 1.x wrote GraphDriverName).
An error message instead of the output gives no row.
"""
import json

from sosql.store import schema

KIND = "table"
TABLE = "container_runtime"


def parse_member(text, member):
    crictl = "crictl" in (member or "").rsplit("/", 1)[-1]
    doc = _json(text) if text.lstrip().startswith("{") else _yaml(text)
    flat = {}
    _flatten(doc, "", flat)
    row = _crictl(doc, flat) if crictl else _podman(flat)
    found = any(v is not None for k, v in row.items() if k not in ("tool", "runtime"))
    return schema.arrow_table(TABLE, [row] if found else [])


def _podman(flat):
    return {"tool": "podman info", "runtime": "podman", "version": flat.get("version.version"),
            "storage_driver": flat.get("store.graphdrivername"), "storage_root": flat.get("store.graphroot"),
            "cgroup_driver": flat.get("host.cgroupmanager"), "cgroup_version": flat.get("host.cgroupversion"),
            "oci_runtime": flat.get("host.ociruntime.name")}


def _crictl(doc, flat):
    conditions = (doc.get("status") or {}).get("conditions") if isinstance(doc.get("status"), dict) else None
    network = next((c for c in conditions or [] if isinstance(c, dict) and c.get("type") == "NetworkReady"), {})
    message = ": ".join(str(network[k]) for k in ("reason", "message") if network.get(k)) or None
    systemd = flat.get("config.containerd.runtimes.runc.options.systemdcgroup")
    return {"tool": "crictl info", "runtime": "containerd" if "config.containerd.snapshotter" in flat else "cri",
            "storage_driver": flat.get("config.containerd.snapshotter"),
            "cgroup_driver": {"true": "systemd", "false": "cgroupfs"}.get(str(systemd).lower()),
            "oci_runtime": flat.get("config.containerd.defaultruntimename"),
            "network_ready": network.get("status") if isinstance(network.get("status"), bool) else None,
            "network_message": message}


def _json(text):
    try:
        doc = json.loads(text)
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _yaml(text):
    """The nested mappings of podman's YAML, enough for its scalars (lists are skipped)."""
    doc, stack = {}, [(-1, None)]
    for line in text.splitlines():
        stripped = line.strip()
        key, sep, value = stripped.partition(":")
        if not stripped or not sep or stripped.startswith(("-", "#")) or " " in key:
            continue
        indent = len(line) - len(line.lstrip())
        while len(stack) > 1 and stack[-1][0] >= indent:
            stack.pop()
        parent = doc
        for _, name in stack[1:]:
            parent = parent.setdefault(name, {}) if isinstance(parent.get(name, {}), dict) else {}
        if value.strip():
            parent[key] = value.strip().strip('"')
        else:
            stack.append((indent, key))
    return doc


def _flatten(value, prefix, out):
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}{str(key).lower()}.", out)
    elif not isinstance(value, list) and prefix:
        out[prefix[:-1]] = value if isinstance(value, str) else json.dumps(value)
