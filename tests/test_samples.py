"""The committed sample bundles are exactly what the generator writes."""
from sosql.sample_bundles.generate import generate

from conftest import SAMPLES


def test_generator_reproduces_committed_bundles(tmp_path):
    written = generate(tmp_path)
    committed = sorted(p.name for p in SAMPLES.glob("*.tar.*"))
    assert sorted(p.name for p in written) == committed
    for path in written:
        assert path.read_bytes() == (SAMPLES / path.name).read_bytes(), path.name


def test_sample_fleet_size_and_kernels():
    total = sum(p.stat().st_size for p in SAMPLES.glob("*.tar.*"))
    assert total < 2 * 1024 * 1024
    from sosql.sample_bundles.fleet import HOSTS
    kernels = {h["kernel"] for h in HOSTS}
    assert len(HOSTS) >= 6 and len(kernels) >= 3
    assert "3.10.0-229.7.2.el7.x86_64" in kernels and any(k.startswith("3.10.0-693") for k in kernels)
    assert any(h["fmt"] == "sos" for h in HOSTS)
