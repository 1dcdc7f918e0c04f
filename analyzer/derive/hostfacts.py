"""The `bundles` and `hosts` rows of a bundle, from the facts its parsers gave.

Facts are merged in catalog order, the first source to give a value winning
(manifest before hostname before uname, os-release before a release file before
lsb_release, ...). What the small sources leave
unknown is looked for in the logs afterwards.
"""
from datetime import timedelta
from pathlib import Path

from sosql.store import schema

HOST_FALLBACKS = r"""
UPDATE hosts SET
  hostname = coalesce(hostname, (
      SELECT hostname FROM log_lines
      WHERE bundle_id = $bundle_id AND hostname IS NOT NULL AND ts_raw IS NOT NULL
      GROUP BY hostname ORDER BY count(*) DESC, hostname LIMIT 1)),
  virtualization = coalesce(virtualization, (
      SELECT coalesce(nullif(regexp_extract(message, '^Hypervisor detected: (.+)$', 1), ''),
                      nullif(regexp_extract(message, '^Hardware name: (.+)$', 1), ''))
      FROM log_lines
      WHERE bundle_id = $bundle_id AND program = 'kernel'
        AND (message LIKE 'Hypervisor detected:%' OR message LIKE 'Hardware name:%')
      ORDER BY message LIKE 'Hypervisor%' DESC, line_no LIMIT 1))
WHERE bundle_id = $bundle_id
"""

# Without uname, the kernel says what it is when it boots:
#   Linux version 3.10.0-957.el7.x86_64 (mockbuild@...) (gcc ...) #1 SMP Thu Oct 4 20:48:51 UTC 2018
# The running kernel's line is the current boot's: dmesg first, then the newest.
KERNEL_FALLBACKS = r"""
UPDATE hosts SET
  kernel_release = coalesce(kernel_release, k.release),
  kernel_version = coalesce(kernel_version, nullif(regexp_extract(k.message, $build, 1), ''))
FROM (SELECT regexp_extract(message, '^Linux version (\S+)', 1) AS release, message FROM log_lines
      WHERE bundle_id = $bundle_id AND program = 'kernel' AND starts_with(message, 'Linux version ')
      ORDER BY source = 'dmesg' DESC, ts DESC NULLS LAST, line_no DESC LIMIT 1) k
WHERE bundle_id = $bundle_id
"""
# Red Hat releases end in the arch (.el7.x86_64), Debian's in its own name for it (-amd64).
ARCH_FROM_RELEASE = r"""
UPDATE hosts SET arch = coalesce(
      nullif(regexp_extract(kernel_release, '[.-](x86_64|i[3-6]86|aarch64|ppc64le|ppc64|s390x)$', 1), ''),
      CASE WHEN kernel_release LIKE '%-amd64' THEN 'x86_64' WHEN kernel_release LIKE '%-arm64' THEN 'aarch64' END)
WHERE bundle_id = $bundle_id AND arch IS NULL
"""
# The build stamp of `uname -v` and of the 'Linux version' line: '#1 SMP Thu Oct 4 20:48:51 UTC 2018'.
BUILD = r"(#\d+\S*(?: [A-Z_]+)* [A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d(?: \S+)? \d{4})"


def host_row(bundle_id, facts):
    row = {c: facts.get(c) for c in schema.column_names("hosts")}
    row["bundle_id"] = bundle_id
    if row["boot_time"] is None and facts.get("collected_at") and facts.get("uptime_s") is not None:
        row["boot_time"] = facts["collected_at"] - timedelta(seconds=facts["uptime_s"])
    return row


SOURCE_STATUS = """
UPDATE sources SET
  returncode = i.returncode,
  status = CASE WHEN i.truncated AND sources.status = 'parsed' THEN 'truncated' ELSE sources.status END,
  message = CASE WHEN i.truncated AND sources.status = 'parsed'
                 THEN 'cut to a size cap when collected' ELSE sources.message END
FROM (SELECT path, max(returncode) AS returncode, bool_or(truncated) AS truncated
      FROM bundle_items WHERE bundle_id = $bundle_id GROUP BY path) i
WHERE sources.bundle_id = $bundle_id AND sources.path = i.path
"""


def bundle_row(bundle_id, path, facts, loaded_at, size=None):
    row = {c: facts.get(c) for c in schema.column_names("bundles")}
    row.update(bundle_id=bundle_id, path=str(path), loaded_at=loaded_at,
               size_bytes=size if size is not None else bundle_size(path))
    return row


def fill_source_status(store, bundle_id):
    """Return codes and truncation that the bundle's manifest (ours or sos 4.x) records."""
    store.execute(SOURCE_STATUS, {"bundle_id": bundle_id})


def fill_from_logs(store, bundle_id, logged=True):
    """Hostname, virtualization, kernel release and build, and arch from the logs, where no source
    gave them; each scan of the logs is paid only for a fact still missing (and none when the
    bundle has no log lines: `logged` False). The arch may also come from the kernel release."""
    missing = store.execute("SELECT hostname IS NULL OR virtualization IS NULL, kernel_release IS NULL, "
                            "arch IS NULL FROM hosts WHERE bundle_id = ?", [bundle_id]).fetchall()
    if not missing:
        return
    names_missing, release_missing, arch_missing = missing[0]
    if names_missing and logged:
        store.execute(HOST_FALLBACKS, {"bundle_id": bundle_id})
    if release_missing and logged:
        store.execute(KERNEL_FALLBACKS, {"bundle_id": bundle_id, "build": BUILD})
    if arch_missing:
        store.execute(ARCH_FROM_RELEASE, {"bundle_id": bundle_id})


def bundle_size(path):
    """Bytes on disk: an archive's size, or the sum of a directory's files; None if missing."""
    path = Path(path)
    if not path.exists():
        return None
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return path.stat().st_size
