"""Importing security advisories in the OSV format into the store's `advisories` table.

Distributions publish their advisories as OSV JSON (one file per advisory; Ubuntu,
Debian, Red Hat, AlmaLinux, Rocky Linux, ...; downloadable as one zip per ecosystem).
`sosql advisories FILE|FOLDER|ZIP...` reads them offline, keeping for each affected
package its ecosystem and its version ranges; the `package_advisories` rule compares
them with the installed versions (versions.py):

    {"id": "USN-5252-1", "aliases": ["CVE-2021-4034"], "summary": "PolicyKit vulnerability",
     "affected": [{"package": {"ecosystem": "Ubuntu:20.04:LTS", "name": "policykit-1"},
                   "ranges": [{"type": "ECOSYSTEM",
                               "events": [{"introduced": "0"}, {"fixed": "0.105-26ubuntu1.2"}]}]}]}

gives the row (USN-5252-1, CVE-2021-4034, Ubuntu:20.04:LTS, policykit-1, 0,
0.105-26ubuntu1.2, NULL, PolicyKit vulnerability, <file>). Re-importing a file replaces
its rows. Files that are not OSV JSON are skipped and counted.
"""
import json
import zipfile
from pathlib import Path

from sosql.errors import SosqlError, printable

MAX_MEMBER_BYTES = 16 << 20      # one advisory is a few KB; a larger "advisory" is not one


def import_osv(store, paths):
    """Read OSV advisories from `paths` into `advisories`. Returns (advisories, rows, skipped)."""
    count = rows = skipped = 0
    with store.transaction():
        for source, text in _documents(paths):
            found = _rows(text, source)
            if found is None:
                skipped += 1
                continue
            store.execute("DELETE FROM advisories WHERE source = ?", [source])
            rows += store.insert_dicts("advisories", found)
            count += 1
    return count, rows, skipped


def _documents(paths):
    """(source name, text) of every JSON document in the files, folders and zips named."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _documents(sorted(p for p in path.rglob("*") if p.is_file()))
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if info.filename.endswith(".json") and info.file_size <= MAX_MEMBER_BYTES:
                        yield f"{printable(path)}!{printable(info.filename)}", archive.read(info).decode("utf-8", "replace")
        elif path.is_file() and path.suffix == ".json" and path.stat().st_size <= MAX_MEMBER_BYTES:
            yield printable(path), path.read_text(encoding="utf-8", errors="replace")
        elif not path.exists():
            raise SosqlError(f"{printable(path)}: no such file or directory")


def _rows(text, source):
    """The rows of one OSV document, or None when it is not one."""
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not isinstance(doc.get("affected"), list):
        return None
    common = {"id": doc["id"], "aliases": ",".join(a for a in doc.get("aliases") or () if isinstance(a, str)) or None,
              "severity": _severity(doc), "summary": _one_line(doc.get("summary") or doc.get("details")),
              "source": source}
    rows = []
    for affected in doc["affected"]:
        package = affected.get("package") if isinstance(affected, dict) else None
        if not isinstance(package, dict) or not package.get("name"):
            continue
        for introduced, fixed in _ranges(affected.get("ranges")):
            rows.append(dict(common, ecosystem=package.get("ecosystem"), package=package["name"],
                             introduced=introduced, fixed=fixed))
    return rows


def _ranges(ranges):
    """(introduced, fixed) pairs of the ECOSYSTEM ranges (a range's events alternate)."""
    for version_range in ranges if isinstance(ranges, list) else ():
        if not isinstance(version_range, dict) or version_range.get("type") != "ECOSYSTEM":
            continue
        introduced = None
        for event in version_range.get("events") or ():
            if "introduced" in event:
                if introduced is not None:        # opened again without a fix: still affected
                    yield introduced, None
                introduced = str(event["introduced"])
            elif "fixed" in event and introduced is not None:
                yield introduced, str(event["fixed"])
                introduced = None
        if introduced is not None:
            yield introduced, None


def _severity(doc):
    specific = doc.get("database_specific") if isinstance(doc.get("database_specific"), dict) else {}
    for value in (specific.get("severity"), *(s.get("score") for s in doc.get("severity") or ()
                                              if isinstance(s, dict))):
        if isinstance(value, str) and value:
            return value
    return None


def _one_line(text):
    return " ".join(str(text).split())[:300] if text else None

