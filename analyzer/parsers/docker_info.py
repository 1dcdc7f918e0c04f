"""`docker info`, as JSON (`--format '{{json .}}'`) or as text, old and new engines.

Sample input (text)::

    Server Version: 1.13.1
    Storage Driver: devicemapper
     Pool Name: docker-253:0-1234-pool
     Data file: /dev/loop0
     Data loop file: /var/lib/docker/devicemapper/devicemapper/data
     Backing Filesystem: xfs
     Supports d_type: false
    Logging Driver: journald
    Cgroup Driver: systemd
    Runtimes: docker-runc runc
    Default Runtime: docker-runc
    Kernel Version: 3.10.0-693.el7.x86_64
    WARNING: bridge-nf-call-iptables is disabled

Sample input (JSON)::

    {"ServerVersion": "17.06.1-ce", "Driver": "overlay2",
     "DriverStatus": [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]],
     "CgroupDriver": "cgroupfs", "Runtimes": {"runc": {"path": "docker-runc"}}, "Warnings": null}

Example: the text gives storage_driver 'devicemapper', data_loop_file
'/var/lib/docker/devicemapper/devicemapper/data', backing_filesystem 'xfs',
supports_d_type false, warnings 'WARNING: bridge-nf-call-iptables is disabled'.
Output that is only an error ('Cannot connect to the Docker daemon') gives no row.
"""
import json

from sosql.store import schema

KIND = "table"
TABLE = "docker_info"

TEXT_KEYS = {"Server Version": "server_version", "Storage Driver": "storage_driver",
             "Backing Filesystem": "backing_filesystem", "Supports d_type": "supports_d_type",
             "Data loop file": "data_loop_file", "Cgroup Driver": "cgroup_driver",
             "Logging Driver": "logging_driver", "Kernel Version": "kernel_version",
             "Operating System": "operating_system", "Docker Root Dir": "docker_root_dir",
             "Runtimes": "runtimes", "Default Runtime": "default_runtime"}


def parse(text):
    stripped = text.strip()
    row = _from_json(stripped) if stripped.startswith("{") else _from_text(text)
    rows = [row] if row.get("server_version") or row.get("storage_driver") else []
    return schema.arrow_table(TABLE, rows)


def _from_json(text):
    for candidate in (text, text.splitlines()[0]):     # pretty-printed, or one line then stderr
        try:
            doc = json.loads(candidate)
            break
        except ValueError:
            continue
    else:
        return {}
    status = {k: v for k, v in (doc.get("DriverStatus") or []) if isinstance(k, str)}
    runtimes = doc.get("Runtimes") or {}
    return {"server_version": doc.get("ServerVersion"), "storage_driver": doc.get("Driver"),
            "backing_filesystem": status.get("Backing Filesystem"),
            "supports_d_type": _bool(status.get("Supports d_type")),
            "data_loop_file": status.get("Data loop file"), "cgroup_driver": doc.get("CgroupDriver"),
            "logging_driver": doc.get("LoggingDriver"), "kernel_version": doc.get("KernelVersion"),
            "operating_system": doc.get("OperatingSystem"), "docker_root_dir": doc.get("DockerRootDir"),
            "runtimes": ", ".join(sorted(runtimes)) or None, "default_runtime": doc.get("DefaultRuntime"),
            "warnings": "\n".join(doc.get("Warnings") or []) or None}


def _from_text(text):
    row, warnings = {}, []
    for line in text.splitlines():
        if line.startswith("WARNING:"):
            warnings.append(line.strip())
            continue
        key, sep, value = line.strip().partition(":")
        if sep and key in TEXT_KEYS and TEXT_KEYS[key] not in row:
            row[TEXT_KEYS[key]] = value.strip() or None
    if "supports_d_type" in row:
        row["supports_d_type"] = _bool(row["supports_d_type"])
    if row.get("runtimes"):
        row["runtimes"] = ", ".join(sorted(row["runtimes"].split()))
    row["warnings"] = "\n".join(warnings) or None
    return row


def _bool(value):
    return {"true": True, "false": False}.get(str(value).strip().lower()) if value is not None else None
