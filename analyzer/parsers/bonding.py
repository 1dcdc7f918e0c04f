"""/proc/net/bonding/BOND: a bond's mode and state, and each slave's link.

Sample input (files/proc/net/bonding/bond0)::

    Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)

    Bonding Mode: fault-tolerance (active-backup)
    Currently Active Slave: eth0
    MII Status: up

    Slave Interface: eth0
    MII Status: up
    Speed: 10000 Mbps
    Duplex: full
    Link Failure Count: 0
    Permanent HW addr: 52:54:00:aa:bb:01

    Slave Interface: eth1
    MII Status: down
    Speed: Unknown
    Duplex: Unknown
    Link Failure Count: 3
    Permanent HW addr: 52:54:00:aa:bb:02

Example: rows (bond, mode, bond_mii_status, active_slave, slave, slave_mii_status,
speed_mbps, duplex, link_failure_count, hw_addr, aggregator_id): ('bond0',
'fault-tolerance (active-backup)', 'up', 'eth0', 'eth0', 'up', 10000, 'full', 0,
'52:54:00:aa:bb:01', NULL) and ('bond0', ..., 'eth1', 'down', NULL, 'Unknown', 3, ...).
A bond without slaves gives one row with slave NULL. The bond is the file's name.
"""


from sosql.store import schema

KIND = "table"
TABLE = "bonding"

BOND_KEYS = {"Bonding Mode": "mode", "MII Status": "bond_mii_status", "Currently Active Slave": "active_slave"}
SLAVE_KEYS = {"MII Status": "slave_mii_status", "Speed": "speed_mbps", "Duplex": "duplex",
              "Link Failure Count": "link_failure_count", "Permanent HW addr": "hw_addr",
              "Aggregator ID": "aggregator_id"}
NUMBERS = ("speed_mbps", "link_failure_count", "aggregator_id")


def parse_member(text, member):
    bond = {"bond": (member or "").rstrip("/").rsplit("/", 1)[-1]}
    slaves = []
    for line in text.splitlines():
        key, sep, value = line.strip().partition(":")
        value = value.strip() or None
        if not sep:
            continue
        if key == "Slave Interface":
            slaves.append({"slave": value})
        elif slaves and key in SLAVE_KEYS and SLAVE_KEYS[key] not in slaves[-1]:
            slaves[-1][SLAVE_KEYS[key]] = value
        elif not slaves and key in BOND_KEYS and BOND_KEYS[key] not in bond:
            bond[BOND_KEYS[key]] = value
    if "mode" not in bond:
        return schema.arrow_table(TABLE, [])
    rows = [dict(bond, **slave) for slave in slaves] or [bond]
    for row in rows:
        for key in NUMBERS:
            word = (row.get(key) or "").split(" ")[0]
            row[key] = int(word) if word.isdigit() and len(word) < 16 else None
    return schema.arrow_table(TABLE, rows)
