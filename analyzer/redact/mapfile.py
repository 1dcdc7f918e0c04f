"""The redaction map file: read without trusting its depth, written for its owner only,
and never where the redacted output goes.

    >>> write_map("private/map.json", {"hostnames": {"node1": "host-1"}})
    >>> load_json(open("private/map.json").read(), "private/map.json")["hostnames"]
    {'node1': 'host-1'}
"""
import json
import os
import re
from pathlib import Path

from sosql.errors import SosqlError

MAX_DEPTH = 200


def load_json(text, what):
    """json.loads with a clear error instead of RecursionError on absurdly deep nesting."""
    depth = deepest = 0
    for char in re.sub(r'"(?:[^"\\]|\\.)*"', "", text):     # brackets inside strings do not nest
        depth += char in "[{"
        depth -= char in "]}"
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise SosqlError(f"{what}: JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SosqlError(f"{what}: not valid JSON ({exc})") from exc


def check_map_place(map_file, out_dir):
    """The map undoes the redaction: it must never be shared along with the output."""
    out, where = Path(out_dir).resolve(), Path(map_file).resolve()
    if out == where or out in where.parents:
        raise SosqlError(f"{map_file}: the map would land in the output folder; put it elsewhere")


def write_map(map_file, mapping):
    """Write the map readable by its owner only (0600 from creation, whatever the umask or
    an older file's mode), whole or not at all."""
    map_file = Path(map_file)
    map_file.parent.mkdir(parents=True, exist_ok=True)
    partial = map_file.with_name(map_file.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(mapping, f, indent=1, sort_keys=True)
    os.replace(partial, map_file)
