"""The HTML reports: well formed, self-contained, escaped, and showing what SQL says."""
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sosql import load, open_store
from sosql.reports.render import render
from sosql.rules import checks

from conftest import SAMPLES, sosql

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "circle", "line"}


class Checker(HTMLParser):
    """Tags balanced; data-stat values collected; external references found."""

    def __init__(self):
        super().__init__()
        self.stack, self.stats, self.problems, self.external = [], {}, [], []
        self.row = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[name])
        if tag == "tr":
            self.row = attrs.get("data-kernel")
        if "data-stat" in attrs:
            self.pending = (self.row, attrs["data-stat"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        pending = getattr(self, "pending", None)
        if pending and data.strip():
            self.stats[pending] = data.strip()
            self.pending = None


def check_html(path):
    checker = Checker()
    text = Path(path).read_text()
    checker.feed(text)
    assert checker.problems == [] and checker.stack == [], (checker.problems, checker.stack)
    assert checker.external == [] and not re.search(r"url\(\s*['\"]?(https?:)?//|@import", text)
    return checker, text


def test_fleet_report_figures_equal_sql(sample_store, tmp_path):
    render(sample_store, tmp_path / "fleet.html")
    checker, _ = check_html(tmp_path / "fleet.html")
    for row in sample_store.arrow("SELECT * FROM fleet_stats").to_pylist():
        kernel = row["kernel_release"]
        assert checker.stats[(kernel, "hosts")] == str(row["hosts"])
        for trouble in ("panic", "soft_lockup", "hard_lockup", "hung_task", "oom"):
            assert checker.stats[(kernel, trouble)] == str(row[f"hosts_{trouble}"]), (kernel, trouble)
    for sev, n in sample_store.execute("SELECT severity, count(*) FROM findings GROUP BY 1").fetchall():
        assert checker.stats[(None, f"severity-{sev}")] == str(n)
    for rule_id, n in sample_store.execute("SELECT rule_id, count(DISTINCT bundle_id) FROM findings "
                                           "WHERE bundle_id IS NOT NULL GROUP BY 1").fetchall():
        assert checker.stats[(None, f"rule-{rule_id}")] == str(n)


def test_fleet_report_leads_with_what_to_do(sample_store, tmp_path):
    data = render(sample_store, tmp_path / "fleet.html")
    checker, text = check_html(tmp_path / "fleet.html")
    assert text.index("What to do") < text.index("<h2>Hosts</h2>") < text.index("Kernel audit")
    first = data["rules"][0]
    assert first["severity"] == "critical" and first["description"] and first["remediation"]
    assert first["remediation"] in text.replace("&#39;", "'").replace("&quot;", '"')
    # a fleet finding has no bundle of its own: it counts the hosts it names
    assert checker.stats[(None, "rule-keepalived_split_brain")] == "2"
    assert checker.stats[(None, "rule-crash_signature_on_kernel_build")] == "2"


def test_kernel_audit_p_values_are_adjusted_and_say_so(sample_store, tmp_path):
    from sosql.fleet import fleetstats
    assert fleetstats.benjamini_hochberg([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    data = render(sample_store, tmp_path / "fleet.html")
    text = (tmp_path / "fleet.html").read_text()
    assert "Benjamini–Hochberg" in text and f"over the {data['audit_tests']} tests" in text
    for kernel in data["kernels"]:
        for trouble in data["troubles"]:
            assert kernel[trouble]["q"] >= kernel[trouble]["p"]


def test_host_report(sample_store, tmp_path):
    data = render(sample_store, tmp_path / "node5.html", host="node5")
    _, text = check_html(tmp_path / "node5.html")
    assert [f["rule_id"] for f in data["findings"]] == ["iscsi_initiator_missing", "lockup_after_iscsi_errors",
                                                       "package_advisories", "soft_lockup", "memory_fragmented"]
    assert text.index("Findings") < text.index("Timeline") < text.index("Crash reports") < text.index("The node")
    assert "VMware Virtual Platform" in text and "G L T" in text and "<svg" in text
    runs = data["runs"]["counts"]
    assert checker_stat(text, "runs-not_evaluated") == str(runs["not_evaluated"]) and runs["fired"] == 5
    assert re.search(r"Rules: .*\d+</span> not evaluated", text, re.S)
    for source in sample_store.execute("SELECT DISTINCT source FROM sources WHERE bundle_id = ? AND status = 'parsed'",
                                       [data["host"]["bundle_id"]]).fetchall():
        parsed = re.search(r"<dt>Sources parsed</dt><dd>(.*?)</dd>", text).group(1)
        assert parsed.split(": ", 1)[1].split(", ").count(source[0]) == 1, source


def checker_stat(text, name):
    return re.search(rf'data-stat="{name}">([^<]*)<', text).group(1)


def test_report_command_host_view_and_unknown_host(tmp_path):
    db = tmp_path / "s.duckdb"
    sosql("load", SAMPLES / "sosql-node5-20180710T020400Z.tar.gz", "--db", db)
    ok = sosql("report", "--host", "node5", "--db", db, "--out", tmp_path / "h.html")
    assert ok.returncode == 0 and "node5: 0 finding(s)" in ok.stdout      # not checked yet
    bad = sosql("report", "--host", "nope", "--db", db, "--out", tmp_path / "x.html")
    assert bad.returncode == 2 and "no host or bundle 'nope'" in bad.stderr and not (tmp_path / "x.html").exists()


NODES = 31


@pytest.fixture
def big_fleet(sample_store_copy, tmp_path):
    """More nodes than the report shows unfolded (30): 31, the sample fleet (its store loaded
    once per run) and 18 more made from the sample hosts under new names."""
    from sosql.sample_bundles.fleet import HOSTS
    from sosql.sample_bundles.generate import host_files, manifest, write_tar
    folder = tmp_path / "more"
    folder.mkdir()
    for i in range(len(HOSTS), NODES):
        host = dict(HOSTS[i % len(HOSTS)], name=f"n{i:03d}", fmt="sosql")
        files = host_files(host)
        files["manifest.json"] = manifest(host, files)
        write_tar(folder / f"n{i:03d}.tar.gz", f"sosql-n{i:03d}", files, 0, "gz")
    with open_store(sample_store_copy, read_only=False) as store:
        assert len(load(store, [folder]).loaded) == NODES - len(HOSTS)
        checks.run(store, checks.discover()[0])
        yield store


def test_larger_fleet_report_stays_small_and_right(big_fleet, tmp_path):
    data = render(big_fleet, tmp_path / "big.html")
    checker, text = check_html(tmp_path / "big.html")
    assert len(data["hosts"]) == NODES
    assert len(text) / NODES < 25_000                     # bytes of page per host
    assert "<details>" in text                         # host sections start folded at this size
    for row in big_fleet.arrow("SELECT kernel_release, hosts, hosts_panic FROM fleet_stats").to_pylist():
        assert checker.stats[(row["kernel_release"], "hosts")] == str(row["hosts"])
        assert checker.stats[(row["kernel_release"], "panic")] == str(row["hosts_panic"])


def test_user_templates_override(sample_store, tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "finding.html.j2").write_text("<p class='mine'>{{ f.rule_id }}</p>")
    render(sample_store, tmp_path / "r.html", tmp_path / "tpl")
    assert "<p class='mine'>soft_lockup</p>" in (tmp_path / "r.html").read_text()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# Run in the page after load: each card or scroll box whose content is wider than it, and
# "page" when the page itself scrolls sideways. The result is left on <body data-wide>, the
# width the page was laid out at on <body data-width>.
MEASURE = """<script>window.addEventListener("load", function () {
  var wide = [];
  document.querySelectorAll("section, .scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) wide.push(box.id || box.className || box.tagName);
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1) wide.push("page");
  document.body.setAttribute("data-width", window.innerWidth);
  document.body.setAttribute("data-wide", wide.join(" ") || "none");
});</script></body>"""


def browse(page, tmp_path, width, screenshot=True):
    """Chromium's DOM of the page at `width` px (with MEASURE run) and its screenshot (None when
    not asked for: painting the PNG costs the browser a few tenths of a second)."""
    measured, shot = tmp_path / f"measured-{width}.html", tmp_path / f"shot-{width}.png"
    measured.write_text(page.read_text().replace("</body>", MEASURE))
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},2000",
                             *([f"--screenshot={shot}"] if screenshot else []), "--dump-dom", measured.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert f'data-width="{width}"' in result.stdout                     # measured at that width
    return result.stdout, shot if screenshot else None


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed (.ci/run installs it)")
@pytest.mark.parametrize("host", [None, "node1"])
def test_reports_render_in_a_real_browser_and_fit(sample_store, tmp_path, host):
    page = tmp_path / "r.html"
    render(sample_store, page, host=host)
    dom, shot = browse(page, tmp_path, 1400)
    assert shot.exists() and shot.stat().st_size > 20_000
    assert ("sosql fleet report" if host is None else "node1") in dom   # the DOM the browser built
    assert 'data-wide="none"' in dom                                    # every table fits its card
    narrow, _ = browse(page, tmp_path, 800, screenshot=False)
    wide = re.search(r'data-wide="([^"]*)"', narrow).group(1).split()
    assert "page" not in wide                                           # what does not fit scrolls in its card


def test_diff_and_export(tmp_path, sample_store_copy):
    db = sample_store_copy
    out = sosql("diff", "node3", "node6", "--db", db, "--format", "csv").stdout
    assert "ipv4,filter,DOCKER-ISOLATION,1,13" in out and "kube-bridge,,bridge,,UP,added" in out
    for fmt in ("parquet", "csv", "json"):
        target = tmp_path / f"hosts.{fmt}"
        assert sosql("export", "hosts", "--format", fmt, "--out", target, "--db", db).returncode == 0
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / "hosts.parquet").num_rows == 13
    assert (tmp_path / "hosts.csv").read_text().count("\n") == 14
