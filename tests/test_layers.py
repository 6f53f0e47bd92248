"""The floors hold: the import contract passes, and no function imports another app
behind the contract's back (an import inside a function is invisible to nobody but
the reader; one that must stay says why in a comment on its line)."""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
APPS = set(CONFIG["root_packages"])


def _function_imports_of_other_apps(path: Path) -> list[str]:
    app = path.relative_to(ROOT).parts[0]
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if not isinstance(inner, ast.ImportFrom) or inner.level or not inner.module:
                continue
            other = inner.module.split(".")[0]
            if other in APPS and other != app and "#" not in lines[inner.lineno - 1]:
                found.append(f"{path.relative_to(ROOT)}:{inner.lineno} imports {inner.module}")
    return found


def test_no_function_imports_another_app_without_saying_why():
    modules = [
        path
        for app in sorted(APPS)
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    found = [line for path in modules for line in _function_imports_of_other_apps(path)]
    assert found == []


def test_no_app_imports_a_higher_floor():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
