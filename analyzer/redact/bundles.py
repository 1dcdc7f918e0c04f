"""Reading and writing bundles for redaction. Each bundle is walked twice, member by member
and never extracted: once to learn its names (every bundle before any is written, so
that a name learned from the last one is gone from the first), once to write its copy.

    >>> result, redactor = redact(["bundles/"], "shareable/", "private/map.json")
    >>> result.written, result.failed      # one failed bundle leaves the others written

Caps as the loader's: ingest.MAX_BUNDLE_BYTES of decompressed data per bundle and walk,
archives nested two deep. Spills go to a private folder made inside the output folder
(mkdtemp: mode 0700) and removed after, never to TMPDIR; a copy is built there and moved
in place when whole, so a failed bundle leaves nothing behind.
"""
import bz2
import gzip
import lzma
import os
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Tuple

from sosql.errors import BundleError, SosqlError, printable
from sosql.load import ingest
from sosql.read import archive
from sosql.redact.learn import BundleLearner
from sosql.redact.mapfile import check_map_place, load_json, write_map
from sosql.redact.redactor import Redactor

BLOCK = 8 << 20
MAX_DEPTH = 2               # a report inside a `sos collect` tarball is 1; a tar quine never ends
CODECS = ((b"\x1f\x8b", lambda raw: gzip.GzipFile(fileobj=raw), lambda out: gzip.GzipFile(fileobj=out, mode="wb", mtime=0)),
          (b"\xfd7zXZ\x00", lzma.LZMAFile, lambda out: lzma.LZMAFile(out, "wb")),
          (b"BZh", bz2.BZ2File, lambda out: bz2.BZ2File(out, "wb")))
UNREADABLE = (b"\x28\xb5\x2f\xfd", b"PK\x03\x04")     # zstd, zip: no reader here, so they are left out


@dataclass
class Result:
    written: List[Path] = field(default_factory=list)
    failed: List[Tuple[str, str]] = field(default_factory=list)     # (bundle, one-line error)
    left_out: List[str] = field(default_factory=list)               # members that could not be redacted


class Budget:
    """Decompressed bytes one walk of a bundle may read (a decompression bomb stops here)."""

    def __init__(self, label):
        self.label, self.spent = label, 0

    def spend(self, nbytes):
        self.spent += nbytes
        if self.spent > ingest.MAX_BUNDLE_BYTES:
            raise BundleError(self.label, f"stopped: more than {ingest.MAX_BUNDLE_BYTES} bytes of decompressed "
                                          f"data (a decompression bomb? set SOSQL_MAX_BUNDLE_BYTES to allow more)")


class Walk:
    """One walk of one bundle: learning (redactor given a learner) or writing."""

    def __init__(self, redactor, label, scratch, result, learner=None):
        self.r, self.label, self.scratch, self.result, self.learner = redactor, label, scratch, result, learner
        self.budget = Budget(label)

    def members(self, members, tar=None, depth=0):
        for member in members:
            try:
                self._member(member, tar, depth)
            except archive.READ_ERRORS as exc:
                raise BundleError(self.label, f"corrupt member ({archive.describe(exc)})", member.name) from exc

    def _member(self, member, tar, depth):
        if member.link:
            if tar:
                info = tarfile.TarInfo(self.r.text(member.name))
                info.type, info.linkname = tarfile.SYMTYPE, self.r.text(member.link)
                tar.addfile(info)
            return
        with member.open() as raw, tempfile.SpooledTemporaryFile(64 << 20, dir=self.scratch) as spool:
            if not self._content(member.name, raw, spool, depth):
                if tar:                                   # said once, when writing
                    self.result.left_out.append(f"{printable(self.label)}:{member.name}")
                return
            if tar:
                info = tarfile.TarInfo(self.r.text(member.name))
                info.size, info.mtime = spool.tell(), int(member.mtime or 0)   # 0: no clue to the logs' year
                spool.seek(0)
                tar.addfile(info, spool)

    def _content(self, name, raw, out, depth):
        """Redact (or learn) one member into `out`; False when it cannot be read at all."""
        head = raw.peek(6)[:6] if hasattr(raw, "peek") else b""
        if head.startswith(UNREADABLE):
            return False
        codec = next((c for c in CODECS if head.startswith(c[0])), None)
        source = codec[1](raw) if codec else raw
        first = source.read(512)
        self.budget.spend(len(first))
        if first[257:262] == b"ustar":                     # an archive inside: walked as one
            self._nested(name, first, source, out, depth)
            return True
        sink = codec[2](out) if codec and not self.learner else out
        for block in self._blocks(first, source):
            if self.learner:
                self.learner.text(name, block)
            else:
                sink.write(self.r.bytes(block, name))
        if sink is not out:
            sink.close()
        return True

    def _blocks(self, first, source):
        """Line-aligned blocks, so that no name is cut in two between them."""
        pending = first
        for block in iter(lambda: source.read(BLOCK), b""):
            self.budget.spend(len(block))
            data = pending + block
            cut = data.rfind(b"\n") + 1 or len(data)
            yield data[:cut]
            pending = data[cut:]
        if pending:
            yield pending

    def _nested(self, name, first, source, out, depth):
        if depth >= MAX_DEPTH:
            raise BundleError(self.label, f"archives nested more than {MAX_DEPTH} deep", name)
        with tempfile.TemporaryFile(dir=self.scratch) as inner:
            inner.write(first)
            for block in iter(lambda: source.read(BLOCK), b""):
                self.budget.spend(len(block))
                inner.write(block)
            inner.seek(0)
            members = archive.walk_fileobj(inner, f"{self.label}!{name}")
            if self.learner:
                self.members(members, None, depth + 1)
                return
            with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar:
                self.members(members, tar, depth + 1)


def learn_bundle(redactor, path, scratch, result):
    learner = BundleLearner(redactor)
    Walk(redactor, path, scratch, result, learner).members(archive.walk(path))
    learner.finish()


def write_bundle(redactor, path, out_dir, scratch, result):
    """A redacted copy of one bundle as a .tar.gz in out_dir; returns its path."""
    stem = re.sub(r"\.(tar(\.\w+)?|tgz|txz|tbz2)$", "", Path(path).name)
    target, n = Path(out_dir) / (redactor.text(stem) + "-redacted.tar.gz"), 2
    while target in result.written:                     # two bundles of one name (in two folders)
        target, n = Path(out_dir) / f"{redactor.text(stem)}-{n}-redacted.tar.gz", n + 1
    partial = Path(scratch) / "bundle.partial"
    with open(partial, "wb") as f, tarfile.open(fileobj=f, mode="w:gz", compresslevel=6) as tar:
        Walk(redactor, path, scratch, result).members(archive.walk(path), tar)
    os.replace(partial, target)                         # same filesystem: the scratch is in out_dir
    return target


def redact(paths, out_dir, map_file, keywords=()):
    """Redact the bundles named by `paths` into out_dir; the map goes to map_file (reused if it exists)."""
    from sosql.load.loader import discover
    out_dir, map_file = Path(out_dir), Path(map_file)
    check_map_place(map_file, out_dir)
    mapping = load_json(map_file.read_text(encoding="utf-8"), map_file) if map_file.exists() else {}
    if not isinstance(mapping, dict):
        raise SosqlError(f"{map_file}: not a redaction map")
    redactor, result = Redactor(mapping, keywords), Result()
    bundles = discover(paths)[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".sosql-redact-", dir=out_dir))
    try:
        learned = [p for p in bundles if _guarded(result, p, learn_bundle, redactor, p, scratch, result)]
        for path in learned:
            target = _guarded(result, path, write_bundle, redactor, path, out_dir, scratch, result)
            if target:
                result.written.append(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        write_map(map_file, redactor.map)
    return result, redactor


def _guarded(result, path, step, *args):
    """Run one bundle's step; its failure is recorded and the next bundle goes on."""
    try:
        return step(*args) or True
    except SosqlError as exc:
        message = str(exc)
    except Exception as exc:             # a bug on odd input must not cost the other bundles
        message = f"{printable(path)}: unexpected {type(exc).__name__}: {exc}"
    result.failed.append((printable(path), " ".join(message.split())))
    return None
