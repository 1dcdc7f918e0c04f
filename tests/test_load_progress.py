"""The load's progress moves within a big bundle: how far each archive has been read is
reported while it is read, by the loading process itself or by its workers."""
import io
import os
import tarfile

import pytest

from sosql import load, open_store
from sosql.read import reading

from conftest import SAMPLES


@pytest.fixture
def reports(monkeypatch):
    seen = []
    monkeypatch.setattr(reading, "report", lambda path, nbytes: seen.append((path, nbytes)))
    return seen


def big_bundle(path, megabytes):
    """Our bundle with a log of about `megabytes` MB of random lines, which gzip stores as they are
    (level 0): the archive is as big as the log, so a few MB of log to parse are several steps to read."""
    block = b"".join(b"Jul 10 09:40:%02d node9 app: %s\n" % (i % 60, os.urandom(24).hex().encode())
                     for i in range(4096))                                      # 300 KB, repeated
    lines = block * max(1, megabytes * (1 << 20) // len(block))
    with tarfile.open(path, "w:gz", compresslevel=0) as tar:
        for name, data in (("manifest.json", b'{"format": "sosql-bundle", "format_version": 1, "hostname": "node9"}'),
                           ("files/var/log/messages", lines)):
            info = tarfile.TarInfo(f"sosql-node9/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_the_loading_process_reports_how_far_it_read(tmp_path, reports, monkeypatch):
    monkeypatch.setattr(reading, "STEP", 64 << 10)
    bundle = big_bundle(tmp_path / "node9.tar.gz", 1)
    with open_store(tmp_path / "s", read_only=False) as store:
        assert load(store, [bundle], jobs=1).loaded
    positions = [n for path, n in reports if path == str(bundle)]
    assert len(positions) >= 3 and positions == sorted(positions) and positions[-1] <= bundle.stat().st_size


def test_workers_report_through_the_staging_folder(tmp_path, reports):
    bundle = big_bundle(tmp_path / "node9.tar.gz", 10)
    assert bundle.stat().st_size > 2 * reading.STEP
    with open_store(tmp_path / "s", read_only=False) as store:
        assert load(store, [bundle, SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"], jobs=2).loaded
    positions = [n for path, n in reports if path == str(bundle)]
    assert positions and min(positions) < bundle.stat().st_size      # seen before the bundle was done


def test_nothing_is_reported_when_nobody_watches(tmp_path):
    assert reading.report is None
    with open_store(tmp_path / "s", read_only=False) as store:
        load(store, [SAMPLES / "sosql-node5-20180710T020400Z.tar.gz"], jobs=2)
    assert not list((tmp_path / "s").rglob("reading-*"))
