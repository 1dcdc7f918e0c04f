"""kubelet's configuration: /var/lib/kubelet/config.yaml (KubeletConfiguration) and the
environment files that pass it flags (/etc/sysconfig/kubelet, /etc/default/kubelet,
/var/lib/kubelet/kubeadm-flags.env).

Sample input (config.yaml, then an environment file)::

    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    cgroupDriver: systemd
    failSwapOn: true
    evictionHard:
      memory.available: "100Mi"
    clusterDNS:
    - 10.96.0.10

    KUBELET_EXTRA_ARGS="--fail-swap-on=false --node-ip 10.0.0.5 --v=2"

Example: rows (file, name, value): ('config.yaml', 'cgroupDriver', 'systemd'),
('config.yaml', 'failSwapOn', 'true'), ('config.yaml', 'evictionHard.memory.available',
'100Mi'), ('config.yaml', 'clusterDNS', '10.96.0.10') (a list: its items comma-separated),
and ('kubelet', '--fail-swap-on', 'false'), ('kubelet', '--node-ip', '10.0.0.5'),
('kubelet', '--v', '2'). A bare flag has the value 'true'. Only the simple YAML kubelet
configurations are written in is read: mappings, lists of scalars, comments, quotes.

The running kubelet's own flags, from its command line in processes, are added once the bundle
is stored (FINALIZE_SQL): rows ('command line', '--config', '/var/lib/kubelet/config.yaml'), ...,
source 'processes'.
"""
import re
import shlex

import pyarrow as pa

KIND = "table"
TABLE = "kubelet_config"

KEY = re.compile(r"^(\s*)([\w.\-/]+):\s*(.*?)\s*$")
ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")
COLUMNS = ("file", "name", "value")
# --name=value, --name value (a value never starts with '-'), or a bare --name
FLAG = r"(--[A-Za-z0-9][\w.-]*)(?:[= ]([^\s-]\S*))?"
FINALIZE_READS = ("processes",)      # FINALIZE_SQL runs for a bundle with rows there
FINALIZE_SQL = [rf"""
    INSERT INTO kubelet_config (bundle_id, source, file, name, value)
    SELECT $bundle_id, 'processes', 'command line', name, coalesce(nullif(value, ''), 'true')
    FROM (SELECT unnest(regexp_extract_all(command, '{FLAG}', 1)) AS name,
                 unnest(regexp_extract_all(command, '{FLAG}', 2)) AS value
          FROM (SELECT command FROM processes WHERE bundle_id = $bundle_id
                  AND (program = 'kubelet' OR regexp_matches(command, '^\S*hyperkube kubelet\b'))
                ORDER BY pid, command LIMIT 1))
"""]


def parse_member(text, member):
    file = member.rsplit("/", 1)[-1]
    pairs = _yaml(text) if file.endswith((".yaml", ".yml")) else _environment(text)
    rows = [(file, name, value) for name, value in pairs]
    return pa.table({name: pa.array([r[i] for r in rows], pa.string()) for i, name in enumerate(COLUMNS)})


def flags(command):
    """(flag, value) pairs of a command line: --a=b, --a b, a bare --a (value 'true')."""
    pairs = []
    try:
        words = shlex.split(command)
    except ValueError:                # an unbalanced quote (ps cuts long lines): words as they are
        words = command.split()
    for i, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name, equals, value = word.partition("=")
        following = words[i + 1] if i + 1 < len(words) else None
        if not equals and following is not None and not following.startswith("-"):
            value = following
        pairs.append((name, value if (equals or value) else "true"))
    return pairs


def _environment(text):
    pairs = []
    for line in text.splitlines():
        name, equals, value = line.strip().partition("=")
        if equals and not name.startswith("#"):
            pairs += flags(value.strip().strip("'\""))
    return pairs


def _yaml(text):
    """Dotted names of the leaves of a simple YAML mapping, lists joined by commas."""
    pairs, path, listed = [], [], {}
    for line in text.splitlines():
        line = re.sub(r"\s+#.*$", "", line) if not line.lstrip().startswith("#") else ""
        key, item = KEY.match(line), ITEM.match(line)
        if item and path:
            listed.setdefault(".".join(p for _, p in path), []).append(_scalar(item.group(1)))
        elif key:
            indent, name, value = len(key.group(1)), key.group(2), key.group(3)
            path = [(i, p) for i, p in path if i < indent] + [(indent, name)]
            if value:
                pairs.append((".".join(p for _, p in path), _scalar(value)))
    return pairs + [(name, ",".join(items)) for name, items in listed.items()]


def _scalar(value):
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value
