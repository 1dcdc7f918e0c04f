"""`systemctl show UNIT...` (ours: kubelet, docker, containerd, etcd, crio; insights: one unit
a file) and sos's `systemctl show service --all`: a block of Name=value lines per unit.

Sample input::

    Id=kubelet.service
    Description=kubelet: The Kubernetes Node Agent
    LoadState=loaded
    ActiveState=activating
    SubState=auto-restart
    Result=exit-code
    NRestarts=212
    ExecMainStatus=255
    MemoryCurrent=[not set]
    CPUShares=1024

    Id=etcd.service
    LoadState=not-found
    ActiveState=inactive

Example: rows (unit, name, value): ('kubelet.service', 'ActiveState', 'activating'),
('kubelet.service', 'NRestarts', '212'), ('kubelet.service', 'ExecMainStatus', '255'),
('etcd.service', 'LoadState', 'not-found')... Only the properties in KEEP are stored (a unit
has some 200): its state, result, restarts, main process, memory and tasks, where it comes
from and how it starts. '[not set]' and empty values are NULL. A block without Id= (the
manager's own properties) gives no row.
"""


from sosql.store import schema

KIND = "table"
TABLE = "unit_properties"

KEEP = {"Description", "LoadState", "ActiveState", "SubState", "Result", "UnitFileState", "UnitFilePreset",
        "FragmentPath", "DropInPaths", "EnvironmentFiles", "Environment", "ExecStart", "ExecMainPID",
        "ExecMainCode", "ExecMainStatus", "ExecMainStartTimestamp", "ExecMainExitTimestamp",
        "ActiveEnterTimestamp", "InactiveEnterTimestamp", "StateChangeTimestamp", "NRestarts", "Restart",
        "RestartUSec", "MemoryCurrent", "MemoryLimit", "MemoryMax", "TasksCurrent", "TasksMax", "LimitNOFILE",
        "Delegate", "Slice", "KillMode", "MainPID"}


def parse(text):
    rows = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        pairs = [line.partition("=") for line in block.splitlines() if "=" in line]
        unit = next((value.strip() for name, _, value in pairs if name == "Id"), None)
        if not unit:
            continue
        rows += [{"unit": unit, "name": name, "value": _value(value)} for name, _, value in pairs if name in KEEP]
    return schema.arrow_table(TABLE, rows)


def _value(value):
    value = value.strip()
    return None if value in ("", "[not set]") else value
