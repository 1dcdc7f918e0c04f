"""Writing small bundles for tests: our format, as a directory or a .tar.gz."""
import io
import json
import tarfile


def native_files(hostname="testnode", kernel="3.10.0-693.el7.x86_64", messages="", sysctl="", extra=None):
    manifest = {"format": "sosql-bundle", "format_version": 1, "hostname": hostname,
                "collected_at_local": "2018-07-10T10:00:00+08:00", "collected_at_utc": "2018-07-10T02:00:00Z",
                "items": []}
    files = {"manifest.json": json.dumps(manifest),
             "commands/uname_-a": f"Linux {hostname} {kernel} #1 SMP Tue Aug 22 21:09:27 UTC 2017 x86_64 GNU/Linux\n",
             "files/var/log/messages": messages, "commands/sysctl_-a": sysctl}
    files.update(extra or {})
    return files


def write_dir(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def write_tar_gz(path, files, top="sosql-testnode"):
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text if isinstance(text, bytes) else text.encode()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path
