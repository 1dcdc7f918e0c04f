"""A bundle's id: a hash of its content, so the same bundle loaded twice, from any path or
under any name, is the same bundle (and is skipped the second time).

    >>> content_id("sample_bundles/sosql-node1-20180710T020000Z.tar.gz")
    'b49d0910a232b66e'
"""
import hashlib
from pathlib import Path


def content_id(path):
    """bundle_id: a hash of the archive's bytes, or of a directory's names and bytes.
    `path` may also be an open binary file (an archive inside an archive)."""
    digest = hashlib.sha256()
    if hasattr(path, "read"):
        _hash_stream(path, digest)
        path.seek(0)
        return digest.hexdigest()[:16]
    path = Path(path)
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()):
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
            _hash_file(file, digest)
    else:
        _hash_file(path, digest)
    return digest.hexdigest()[:16]


def _hash_file(path, digest):
    with open(path, "rb") as f:
        _hash_stream(f, digest)


def _hash_stream(stream, digest):
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
