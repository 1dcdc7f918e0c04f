"""sos's own logs: what went wrong while the report was collected (sos_logs/ui.log, sos.log).

Sample input::

    2021-11-04 10:02:43,123 INFO:  Plugin networking timed out
    2021-11-04 10:01:02,456 WARNING: [plugin:kernel] command 'lsof -b +M -n -l' timed out after 300s
    [plugin:process] command 'ps alxwww' timed out after 300s

Example: rows (line_no, plugin, problem, detail): (1, 'networking', 'plugin_timeout',
NULL), (2, 'kernel', 'command_timeout', 'lsof -b +M -n -l'), (3, 'process',
'command_timeout', 'ps alxwww'). A timed-out plugin stops collecting: every file it
had not written yet is missing from the bundle, and its sources' rows in `sources`
say so (FINALIZE_SQL).
"""
import re

import pyarrow as pa

KIND = "table"
TABLE = "collection_problems"

PLUGIN_TIMEOUT = re.compile(r"\bPlugin (\S+) timed out")
COMMAND_TIMEOUT = re.compile(r"\[plugin:([^\]]+)\] command '(.*)' timed out after \d+s")

# The files of a plugin that timed out: whatever is missing or cut short there is why.
FINALIZE_READS = ("collection_problems",)     # FINALIZE_SQL runs for a bundle with rows there
FINALIZE_SQL = ["""
UPDATE sources SET message = coalesce(message || '; ', '') || 'sos plugin ' || p.plugin || ' timed out'
FROM (SELECT DISTINCT plugin FROM collection_problems
      WHERE bundle_id = $bundle_id AND problem = 'plugin_timeout') p
WHERE sources.bundle_id = $bundle_id AND starts_with(sources.path, 'sos_commands/' || p.plugin || '/')
"""]


def parse_member(text, member):
    rows = []
    for line_no, line in enumerate(text.splitlines(), 1):
        plugin, command = PLUGIN_TIMEOUT.search(line), COMMAND_TIMEOUT.search(line)
        if plugin:
            rows.append((line_no, plugin.group(1), "plugin_timeout", None))
        elif command:
            rows.append((line_no, command.group(1), "command_timeout", command.group(2)))
    columns = zip(*rows) if rows else ((), (), (), ())
    line_nos, plugins, problems, details = (list(c) for c in columns)
    return pa.table({"path": pa.array([member] * len(rows), pa.string()), "line_no": pa.array(line_nos, pa.int64()),
                     "plugin": pa.array(plugins, pa.string()), "problem": pa.array(problems, pa.string()),
                     "detail": pa.array(details, pa.string())})
