"""Rules and queries read the store and nothing else: each attack is refused, naming what."""
import hashlib

import pytest
from typer.testing import CliRunner

from sosql import load, open_store
from sosql.cli import app
from sosql.errors import SandboxError
from sosql.rules import checks, sandbox

from bundles import native_files, write_dir

HEADER = "/*\ntitle: t\nseverity: high\ndescription: d\nremediation: r\n*/\n"
ATTACKS = {  # rule id: (its SQL, what the refusal names)
    "read_shadow": ("SELECT NULL AS bundle_id, content AS evidence FROM read_text('{secret}')", "read_text()"),
    "read_as_table": ("SELECT NULL AS bundle_id, * AS evidence FROM '{secret}'", "not a table of the store"),
    "csv_scan": ("SELECT NULL AS bundle_id, column0 AS evidence FROM read_csv('{secret}')", "read_csv()"),
    "env": ("SELECT NULL AS bundle_id, getenv('HOME') AS evidence", "getenv()"),
    "copy_out": ("COPY (SELECT 1) TO '{out}'", "COPY is not allowed"),
    "attach": ("ATTACH '{out}' AS other", "ATTACH is not allowed"),
    "install": ("INSTALL httpfs", "INSTALL is not allowed"),
    "load_ext": ("LOAD httpfs", "LOAD is not allowed"),
    "second_statement": ("SELECT bundle_id, 'x' AS evidence FROM hosts; DROP TABLE log_lines CASCADE",
                         "holds 2 statements"),
    "drop": ("DROP TABLE log_lines CASCADE", "DROP is not allowed"),
    "pragma": ("PRAGMA enable_profiling", "PRAGMA is not allowed"),
    "set": ("SET enable_external_access = true", "SET is not allowed"),
    "glob": ("SELECT NULL AS bundle_id, file AS evidence FROM glob('/*')", "glob()"),
    "other_catalog": ("SELECT bundle_id, 'x' AS evidence FROM other.main.hosts", "only the store's own tables"),
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("sandbox")
    path = root / "s.duckdb"
    with open_store(path, read_only=False) as store:
        load(store, [write_dir(root / "b", native_files(messages="Jul 10 09:40:06 n kernel: hello\n"))])
    return root, path


def contents(store):
    """A digest of every table but those that check writes (findings, rule_runs, and the run's record in meta)."""
    digest = hashlib.sha256()
    for (table,) in store.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary "
                                  "AND table_name NOT IN ('findings', 'rule_runs', 'meta') ORDER BY 1").fetchall():
        digest.update(str(store.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()).encode())
    return digest.hexdigest()


def test_every_attack_is_refused_and_changes_nothing(loaded, tmp_path):
    root, path = loaded
    secret, out = tmp_path / "secret.txt", tmp_path / "out.csv"
    secret.write_text("root:$6$secret\n")
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    for rule_id, (sql, _) in ATTACKS.items():
        (rules_dir / f"{rule_id}.sql").write_text(HEADER + sql.format(secret=secret, out=out))
    with open_store(path, read_only=False) as store:
        before = contents(store)
        report = checks.run(store, checks.discover([rules_dir], include_builtin=False)[0], [rules_dir])
        errors = {p.rsplit("/", 1)[-1][:-4]: m for p, m in report.errors}
        assert set(errors) == set(ATTACKS)
        for rule_id, (_, named) in ATTACKS.items():
            assert errors[rule_id].startswith("refused: ") and named in errors[rule_id], rule_id
        assert contents(store) == before
        assert store.execute("SELECT count(*) FROM findings WHERE evidence LIKE '%secret%'").fetchall() == [(0,)]
        statuses = store.execute("SELECT DISTINCT status FROM rule_runs").fetchall()
    assert statuses == [("error",)] and not out.exists()


def test_builtin_rules_pass_the_check(loaded):
    _, path = loaded
    with open_store(path, read_only=True) as store:
        readable = sandbox.store_names(store.con)
    for rule in checks.discover()[0]:
        sandbox.check(rule.sql, *readable)


def test_a_lookup_named_like_a_table_is_refused_not_hiding_it(loaded, tmp_path):
    _, path = loaded
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "hosts.csv").write_text("bundle_id,hostname\nfake,evil\n")
    (rules_dir / "my_list.csv").write_text("name\nx\n")
    (rules_dir / "uses_list.sql").write_text(HEADER + "SELECT NULL AS bundle_id, name AS evidence FROM my_list")
    with open_store(path, read_only=False) as store:
        report = checks.run(store, checks.discover([rules_dir])[0], [rules_dir])
        assert [(p.rsplit("/", 1)[-1], m.split(":")[0]) for p, m in report.errors] == [
            ("hosts.csv", "lookup 'hosts' has the name of a table of the store")]
        assert report.per_rule["uses_list"] == 1
        assert store.execute("SELECT hostname FROM hosts").fetchall() == [("testnode",)]


@pytest.mark.parametrize("sql", ["SELECT hostname FROM hosts", "FROM hosts SELECT hostname",
                                 "WITH h AS (SELECT * FROM hosts) SELECT hostname FROM h",
                                 "SELECT * FROM range(3) r, hosts", "SELECT table_name FROM information_schema.tables",
                                 "SELECT list(raw ORDER BY line_no)[1:2] FROM log_lines"])
def test_plain_queries_pass(sql):
    sandbox.check(sql, {"hosts", "log_lines"})


def test_unknown_plain_names_are_left_to_duckdb_and_paths_are_not():
    sandbox.check("SELECT * FROM hsts", {"hosts"})          # DuckDB then says: did you mean hosts?
    for name in ("'x.csv'", '"data.parquet"', "'/etc/passwd'", "'s3://bucket/x'"):
        with pytest.raises(SandboxError):
            sandbox.check(f"SELECT * FROM {name}", {"hosts"})


def test_query_command_is_sandboxed_unless_files_are_allowed(loaded, tmp_path):
    _, path = loaded
    runner, out = CliRunner(), tmp_path / "x.csv"
    # the domain error printed as one line, exit 1
    refused = runner.invoke(app, ["query", f"COPY (SELECT 1 AS a) TO '{out}'", "--db", str(path)])
    assert refused.exit_code == 1
    assert refused.output.startswith("sosql: error: query refused: COPY is not allowed")
    refused = runner.invoke(app, ["query", "SELECT * FROM read_text('/etc/hostname')", "--db", str(path)])
    assert refused.exit_code == 1 and "read_text()" in refused.output and not out.exists()
    allowed = runner.invoke(app, ["query", f"COPY (SELECT 1 AS a) TO '{out}'", "--db", str(path), "--allow-files"])
    assert allowed.exit_code == 0 and out.read_text() == "a\n1\n"
    plain = runner.invoke(app, ["query", "SELECT hostname FROM hosts", "--db", str(path), "--format", "csv"])
    assert plain.exit_code == 0 and plain.output.splitlines() == ["hostname", "testnode"]
