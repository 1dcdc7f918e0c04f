"""`systemctl list-unit-files`: every installed unit file and whether it starts at boot.

Sample input::

    UNIT FILE                     STATE           VENDOR PRESET
    docker.service                enabled         disabled
    kubelet.service               disabled        disabled
    tmp.mount                     masked          enabled
    systemd-journald.service      static          -

    4 unit files listed.

Example: rows (unit, state, vendor_preset): ('docker.service', 'enabled', 'disabled'),
('kubelet.service', 'disabled', 'disabled'), ('tmp.mount', 'masked', 'enabled') and
('systemd-journald.service', 'static', NULL). systemd before 2.15 prints no VENDOR PRESET
column: NULL.
"""


from sosql.store import schema

KIND = "table"
TABLE = "unit_files"

STATES = {"enabled", "enabled-runtime", "linked", "linked-runtime", "alias", "masked", "masked-runtime", "static",
          "indirect", "disabled", "generated", "transient", "bad"}


def parse(text):
    rows = []
    for line in text.splitlines():
        fields = line.split()
        if 2 <= len(fields) <= 3 and "." in fields[0] and fields[1] in STATES:
            preset = fields[2] if len(fields) == 3 and fields[2] != "-" else None
            rows.append({"unit": fields[0], "state": fields[1], "vendor_preset": preset})
    return schema.arrow_table(TABLE, rows)
