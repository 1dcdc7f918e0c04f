"""Reading bundles: archives and directories, member by member, never extracted.

A bundle is walked once, in storage order (a compressed tar cannot seek back
cheaply), and each member is offered to the caller as a `Member` whose data can
be streamed. Member names are relative to the bundle root: the top directory
that sos and our collector put everything in (`sosreport-node1-2018.../`) is
dropped, so `sos_commands/kernel/uname_-a` names the same thing in every bundle.
"""
import bz2
import contextlib
import gzip
import lzma
import os
import posixpath
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import Callable, NamedTuple, Optional

from sosql.errors import BundleError, printable
from sosql.read import reading

# Names that sit at the root of a bundle; any other first component is the
# container directory the archive wraps around the bundle.
ROOT_ENTRIES = {
    "manifest.json", "commands", "files",                      # ours
    "insights_commands", "branch_info",                        # insights-client
    "sos_commands", "sos_logs", "sos_reports", "sos_strings",  # sos
    "version.txt", "environment", "etc", "var", "proc", "sys", "usr", "run", "boot", "lib",
    "uname", "hostname", "date", "uptime", "dmesg", "lsmod", "installed-rpms",
    "installed-debs", "ip_addr", "free", "df", "ps", "mount", "lsb-release",
}

# What reading a damaged archive can raise, at listing time or while a member streams.
READ_ERRORS = (tarfile.TarError, EOFError, OSError, ValueError, lzma.LZMAError, zlib.error)

MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"BZh", "bzip2"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"PK\x03\x04", "zip"),
)


class Member(NamedTuple):
    """One file of a bundle. `open()` is valid only until the walk moves on, unless lasting."""
    name: str                      # path relative to the bundle root
    size: int
    open: Callable                 # () -> binary file object
    link: Optional[str] = None     # for symlinks: the target, relative to the root
    lasting: bool = False          # open() works after the walk too (a directory's files)
    mtime: Optional[float] = None  # an archive member's modification time (epoch seconds), as the node had it


def bundle_name(raw_name):
    """Normalize a stored name (bytes that are not UTF-8 escaped, see errors.printable);
    None when it would leave the bundle (../, absolute)."""
    name = posixpath.normpath(raw_name.replace("\\", "/")).lstrip("/")
    if raw_name.startswith("/") or name == ".." or name.startswith("../"):
        return None
    parts = name.split("/")
    if len(parts) > 1 and parts[0] not in ROOT_ENTRIES:
        parts = parts[1:]
    return printable("/".join(parts)) if parts and parts != ["."] else None


def _link_target(name, linkname):
    """Resolve a symlink's target inside the bundle, or None if it points outside."""
    if linkname.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), linkname))
    return None if target == ".." or target.startswith("../") else target


def flattened_link(name, text):
    """The target when a file holds nothing but a relative path: a symlink that a copy
    or checkout without symlink support turned into a text file (sos links top-level
    `uname` to `sos_commands/kernel/uname_-a`)."""
    target = text.strip()
    if not target or "\n" in target or " " in target or "/" not in target or len(target) > 255:
        return None
    return _link_target(name, target) if target.startswith(("..", "sos_commands/")) else None


def sniff(path):
    """The compression or container of a file, from its first bytes."""
    with open(path, "rb") as f:
        head = f.read(512)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    return None


def walk(path):
    """Yield every member of the bundle at `path` (a directory or an archive)."""
    path = Path(path)
    if path.is_dir():
        yield from _walk_dir(path)
        return
    if not path.is_file():
        raise BundleError(path, "no such file or directory")
    kind = sniff(path)
    if kind in ("zstd", "zip"):
        raise BundleError(path, f"{kind} archives are not supported; repack it as .tar.xz or .tar.gz")
    if kind is None:
        raise BundleError(path, "not a bundle: neither a directory nor a tar archive")
    yield from _walk_tar(path)


def _walk_dir(root):
    """Files under root in sorted order, without recursion (a hostile tree may be very deep)."""
    stack, done = [root], 0
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
        for entry in reversed(entries):
            member = _dir_member(root, entry)
            if member:
                yield member
                done += member.size
                if reading.report is not None:      # the member has been read by now
                    reading.report(str(root), done)


def _dir_member(root, entry):
    name = bundle_name(Path(entry.path).relative_to(root).as_posix())
    if name is None:
        return None
    if entry.is_symlink():
        target = _link_target(name, os.readlink(entry.path))
        return Member(name, 0, lambda: None, link=target) if target is not None else None
    if entry.is_file(follow_symlinks=False):      # FIFOs and devices are skipped, never opened
        return Member(name, entry.stat().st_size, lambda path=entry.path: open(path, "rb"), lasting=True)
    return None


def spool(member):
    """Copy a member aside, unextracted (memory first, a temporary file when large): an
    archive inside the archive, to be walked after this walk."""
    copy = tempfile.SpooledTemporaryFile(max_size=64 << 20)
    with member.open() as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            copy.write(block)
    copy.seek(0)
    return copy


def walk_fileobj(fileobj, label):
    """Members of an archive given as an open binary file; `label` names it in errors."""
    yield from _walk_tar(label, fileobj)


def _walk_tar(path, fileobj=None):
    try:
        with contextlib.ExitStack() as stack:
            raw = fileobj or reading.counted(stack.enter_context(open(path, "rb")), path)
            stream = stack.enter_context(_decompressed(raw))
            tar = stack.enter_context(tarfile.open(fileobj=stream, mode="r|"))
            for info in tar:
                name = bundle_name(info.name)
                if name is None:
                    continue
                if info.issym():
                    target = _link_target(name, info.linkname)
                    if target is not None:
                        yield Member(name, 0, lambda: None, link=target)
                elif info.isfile():
                    yield Member(name, info.size, lambda info=info, tar=tar: tar.extractfile(info), mtime=info.mtime)
    except READ_ERRORS as exc:
        raise BundleError(path, f"corrupt or truncated archive ({describe(exc)})") from exc


# Decompressors that read every stream of a file, as GNU tar does: pigz, pbzip2 and pixz
# write several (tarfile's own reader stops after the first).
DECOMPRESSORS = {"gzip": lambda raw: gzip.GzipFile(fileobj=raw), "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}


def _decompressed(raw):
    """`raw` (a binary file at its start) as its decompressed bytes; a plain tar as it is."""
    head = raw.read(6)
    raw.seek(0)
    kind = next((k for magic, k in MAGIC if head.startswith(magic)), None)
    if kind in DECOMPRESSORS:
        return DECOMPRESSORS[kind](raw)
    return contextlib.nullcontext(raw)


def describe(exc):
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
