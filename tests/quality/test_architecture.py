"""The shape of the code: import layers (import-linter), package docstrings, module size, one import package.

The layer contracts live in pyproject.toml ([tool.importlinter]); this module runs them with the
suite, and shows on a copy of the package that they do fail when an import goes the wrong way.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import PROJECT_ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: import-linter brings tomli there
    import tomli as tomllib

SERVER = PROJECT_ROOT / "server"
PACKAGE = SERVER / "nukg"
SUB_PACKAGES = ("nukg.cli", "nukg.core", "nukg.kg", "nukg.release", "nukg.store", "nukg.web", "nukg.web.views")
BELOW_WEB = ("core", "kg", "release", "store", "web/views")  # folders of nukg that must not use the web stack
WEB_STACK = {"flask", "werkzeug", "jinja2"}
MAX_LINES = 300
COMMANDS = {"validate", "stats", "build", "serve", "query"}

# Names of the contracts the cases below break, as import-linter prints them.
LAYERS = "Layers: core <- kg <- {release, store} <- web <- cli"
# import-linter's acyclic_siblings contract finds what layers cannot, a cycle inside one layer
# (imports under TYPE_CHECKING excluded: they never run).
ACYCLIC = "No circles between the modules of a package"


def lint_imports(*args: str, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    """import-linter's command line, from this interpreter's environment, with ``pythonpath`` first."""
    script = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [str(script), "--no-cache", "--no-logo", *args],  # no cache: nothing written into the checkout
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120,
    )


def contract_states(output: str) -> dict[str, str]:
    """``{contract name: "KEPT" | "BROKEN"}`` from import-linter's summary."""
    return dict(re.findall(r"^(.+) (KEPT|BROKEN)$", output, re.MULTILINE))


def project_linter_config() -> dict:
    with open(PROJECT_ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]


def project_contracts() -> list[dict]:
    return project_linter_config()["contracts"]


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, list)):
        return json.dumps(value)  # JSON strings, numbers and arrays of them are TOML too
    raise TypeError(f"cannot write {value!r} as TOML here")


def linter_config() -> str:
    """A config file for lint-imports: the project's [tool.importlinter], contracts and all."""
    config = project_linter_config()
    lines = ["[tool.importlinter]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in config.items() if key != "contracts"]
    for contract in config["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in contract.items()]
    return "\n".join(lines) + "\n"


def modules(folder: Path = PACKAGE) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


# --- import layers -----------------------------------------------------------------------------


def test_the_import_contracts_are_kept():
    contracts = project_contracts()
    assert len(contracts) >= 3, contracts
    assert {c["type"] for c in contracts} >= {"layers", "independence", "acyclic_siblings"}

    result = lint_imports(cwd=PROJECT_ROOT, pythonpath=SERVER)  # reads pyproject.toml
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert contract_states(output) == {c["name"]: "KEPT" for c in contracts}, output
    assert f"Contracts: {len(contracts)} kept, 0 broken." in output, output
    # It read this checkout's package, every module of it.
    analysed = re.search(r"Analyzed (\d+) files", output)
    assert analysed and int(analysed.group(1)) == len(modules()), output


BREACHES = {
    # A module of the bottom layer reaching the web layer; inside a function, so that nothing runs
    # at import: import-linter reads import statements wherever they are.  The web imports core,
    # so an upward import also closes a circle between the two packages.
    "upward import": (
        {"core/_breach.py": "def app():\n    from nukg.web import app\n\n    return app\n"},
        {LAYERS, ACYCLIC},
        ["nukg.core is not allowed to import nukg.web", "nukg.core._breach -> nukg.web.app (l.2)"],
    ),
    # Two modules of one layer importing each other: no layer is crossed, only a cycle finds it.
    "cycle in a layer": (
        {
            "kg/_cycle_a.py": "from nukg.kg import _cycle_b  # noqa: F401\n",
            "kg/_cycle_b.py": "from nukg.kg import _cycle_a  # noqa: F401\n",
        },
        {ACYCLIC},
        ["No cycles are allowed in nukg.kg.", "._cycle_"],
    ),
}


@pytest.mark.parametrize("case", list(BREACHES))
def test_the_contracts_catch_a_breach(tmp_path, case):
    added, broken, evidence = BREACHES[case]
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source / "nukg", ignore=shutil.ignore_patterns("__pycache__"))
    for name, text in added.items():
        (source / "nukg" / name).write_text(text)
    config = tmp_path / "contracts.toml"  # the project's contracts, read from pyproject.toml
    config.write_text(linter_config())

    result = lint_imports(str(config), cwd=tmp_path, pythonpath=source)
    output = result.stdout + result.stderr
    print(output)  # shown by pytest -rP: the report a developer would see
    assert result.returncode != 0, output
    states = contract_states(output)
    assert all(states[name] == "BROKEN" for name in broken), output
    # Only those contracts: the copy is otherwise the real code.
    others = {c["name"] for c in project_contracts()} - broken
    assert all(states[name] == "KEPT" for name in others), output
    for text in evidence:
        assert text in output, output


# --- what the layers below the web may use -----------------------------------------------------


def imported_roots(path: Path) -> set[str]:
    """Top-level names of absolute imports in a module (any statement, also inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_below_the_web_layer_uses_flask():
    offenders = [
        f"{path.relative_to(SERVER)}: {', '.join(sorted(imported_roots(path) & WEB_STACK))}"
        for folder in BELOW_WEB
        for path in modules(PACKAGE / folder)
        if imported_roots(path) & WEB_STACK
    ]
    assert not offenders, "the web stack imported below nukg.web:\n" + "\n".join(offenders)


# --- the package's files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SUB_PACKAGES)
def test_each_sub_package_says_what_it_is_in_one_line(name):
    init = SERVER / Path(*name.split(".")) / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring, f"{name} has no module docstring"
    lines = docstring.splitlines()
    assert lines[0].strip(), f"{name}: the docstring starts with an empty line"
    assert len(lines) == 1 or not lines[1].strip(), f"{name}: the docstring's summary runs over one line"


def test_every_sub_package_is_listed_above():
    """A new sub-package gets the docstring test too."""
    found = {
        ".".join(path.parent.relative_to(SERVER).parts)
        for path in PACKAGE.rglob("__init__.py")
        if path.parent != PACKAGE
    }
    assert found == set(SUB_PACKAGES)


def test_no_module_is_over_300_lines():
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in modules()}
    offenders = [f"{path.relative_to(SERVER)}: {n} lines" for path, n in sorted(sizes.items()) if n > MAX_LINES]
    assert not offenders, f"modules over {MAX_LINES} lines:\n" + "\n".join(offenders)


def test_nukg_is_the_only_import_package_under_server():
    python = {".py", ".pyi", ".pyc", ".so", ".pyd", ".pth"}
    outside = [
        str(path.relative_to(SERVER))
        for path in SERVER.rglob("*")
        if path.is_file() and path.suffix in python and not path.is_relative_to(PACKAGE)
    ]
    assert not outside, "Python files outside server/nukg:\n" + "\n".join(outside)
    # packages.find (not find_namespace) skips a folder without __init__.py: its modules would
    # be missing from the wheel.
    without_init = [
        str(folder.relative_to(SERVER))
        for folder in [PACKAGE, *PACKAGE.rglob("*")]
        if folder.is_dir() and "__pycache__" not in folder.parts
        and any(folder.glob("*.py")) and not (folder / "__init__.py").exists()
    ]
    assert not without_init, "folders of modules without __init__.py:\n" + "\n".join(without_init)


# --- python -m nukg ----------------------------------------------------------------------------


def test_python_dash_m_nukg_lists_the_commands(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}
    result = subprocess.run(
        [sys.executable, "-m", "nukg", "--help"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Usage: nukg "), result.stdout
    listed = result.stdout.split("Commands:", 1)[1]
    commands = {line.split()[0] for line in listed.splitlines() if line.startswith("  ") and line.strip()}
    assert commands >= COMMANDS, result.stdout
