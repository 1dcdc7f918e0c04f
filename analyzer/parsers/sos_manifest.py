"""sos_reports/manifest.json of sos 4.x: every command sos ran, its return code and truncation.

Sample input (abridged)::

    {"components": {"report": {"plugins": {"kernel": {
        "commands": [{"exec": "uname -a", "filepath": "sos_commands/kernel/uname_-a",
                      "return_code": 0, "truncated": false, "run_time": 0.01}],
        "files": [{"specification": "/proc/modules", "files_copied": ["proc/modules"]}]}}}}}

Example: a bundle_items row (command, sos_commands/kernel/uname_-a, 'uname -a',
returncode 0, truncated false) and (file, proc/modules, source '/proc/modules').
"""
import json

from sosql.errors import ParseError
from sosql.parsers.manifest_items import typed
from sosql.store import schema

KIND = "table"
TABLE = "bundle_items"


def parse(text):
    try:
        doc = json.loads(text)
        plugins = doc["components"]["report"]["plugins"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"not a sos manifest.json ({type(exc).__name__}: {exc})") from exc
    rows = []
    for plugin in plugins.values() if isinstance(plugins, dict) else ():
        for cmd in plugin.get("commands") or ():
            rows.append({"kind": "command", "path": cmd.get("filepath"), "command": cmd.get("exec"),
                         "returncode": cmd.get("return_code"), "duration_s": cmd.get("run_time"),
                         "truncated": cmd.get("truncated")})
        for spec in plugin.get("files") or ():
            for copied in spec.get("files_copied") or ():
                rows.append({"kind": "file", "path": copied, "source": spec.get("specification")})
    return schema.arrow_table(TABLE, [typed(row) for row in rows])
