"""The tree reads as the flow: each stage's subpackage imports only from the stages before it,
and no module imports itself back through another (every import counts, also those inside a
function). The suite's own order of its longest modules names modules that exist."""
import ast

from conftest import ROOT

# sosql's stages in the order data flows through them; a module may import from its own stage
# and from the stages before it. sosql/__init__.py (the API) and __main__.py stand above them all.
STAGES = ("collectors", "errors", "store", "read", "parsers", "derive", "load", "rules", "fleet", "reports", "redact",
          "spark", "sample_bundles", "cli")
FOLDERS = {"analyzer": "sosql", "reports": "sosql.reports", "sample_bundles": "sosql.sample_bundles",
           "collectors": "sosql.collectors"}


def _modules():
    """module name -> path, for every module of the package."""
    found = {}
    for folder, name in FOLDERS.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if folder == "analyzer" or parts[:1] != [folder]:
                found[".".join([name, *parts])] = path
    return found


def _imports(path, modules):
    """The package's modules that this file imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                      for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: relative import"
    return {n for n in names if n in modules}


def _stage(module):
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def _graph():
    modules = _modules()
    return {m: _imports(p, modules) for m, p in modules.items()}


def test_every_module_belongs_to_a_stage():
    loose = [m for m in _graph() if _stage(m) is None and m not in ("sosql", "sosql.__main__")]
    assert not loose, f"modules outside the stages of {STAGES}: {loose}"


def test_imports_point_down_the_flow():
    upward = [f"{m} imports {d}" for m, deps in _graph().items() for d in deps
              if _stage(m) is not None and (d == "sosql" or _stage(d) > _stage(m))]
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    graph = _graph()
    graph = {m: {d for d in deps if d != m and not (m.startswith(d + ".") and d != "sosql")} for m, deps in graph.items()}
    cycles, state = [], {}

    def visit(module, path):
        state[module] = "open"
        for dep in sorted(graph.get(module, ())):
            if state.get(dep) == "open":
                cycles.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, path + [dep])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_the_suites_longest_modules_are_named_as_they_are():
    """conftest.LONGEST_FIRST starts the longest test modules first: a name there that is no
    module's (one renamed) would send that module to the end of the run, unnoticed."""
    from conftest import LONGEST_FIRST, _group
    groups = {_group(path.relative_to(ROOT).as_posix()) for path in (ROOT / "tests").glob("test_*.py")}
    assert [name for name in LONGEST_FIRST if name not in groups] == []
