"""CNI network configurations (/etc/cni/net.d/*.conf, *.conflist, *.json): which network
plugin the node's pods use and how it is set up.

Sample input (files/etc/cni/net.d/10-flannel.conflist)::

    {"name": "cbr0", "cniVersion": "0.3.1",
     "plugins": [{"type": "flannel", "delegate": {"hairpinMode": true, "isDefaultGateway": true}},
                 {"type": "portmap", "capabilities": {"portMappings": true}}]}

Example: rows (file, network, cni_version, position, type, ipam_type, subnet, config):
('10-flannel.conflist', 'cbr0', '0.3.1', 1, 'flannel', NULL, NULL, '{"type": "flannel", ...}')
and (..., 2, 'portmap', ...). A single-plugin .conf is one row at position 1; ipam.subnet (or
the first of ipam.ranges) fills subnet. A file that is not a JSON object gives no row; the
runtime uses the first valid file in name order.
"""
import json

from sosql.store import schema

KIND = "table"
TABLE = "cni_configs"


def parse_member(text, member):
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        return schema.arrow_table(TABLE, [])
    plugins = doc.get("plugins") if isinstance(doc.get("plugins"), list) else [doc]
    base = {"file": (member or "").rstrip("/").rsplit("/", 1)[-1], "network": _text(doc.get("name")),
            "cni_version": _text(doc.get("cniVersion"))}
    rows = [dict(base, position=n, **_plugin(p)) for n, p in enumerate(plugins, 1) if isinstance(p, dict)]
    return schema.arrow_table(TABLE, rows)


def _plugin(plugin):
    ipam = plugin.get("ipam") if isinstance(plugin.get("ipam"), dict) else {}
    ranges = ipam.get("ranges")
    first = ranges[0][0] if isinstance(ranges, list) and ranges and isinstance(ranges[0], list) and ranges[0] \
        and isinstance(ranges[0][0], dict) else {}
    return {"type": _text(plugin.get("type")), "ipam_type": _text(ipam.get("type")),
            "subnet": _text(ipam.get("subnet") or first.get("subnet")), "config": json.dumps(plugin, sort_keys=True)}


def _text(value):
    return value if isinstance(value, str) else None if value is None else json.dumps(value)
