"""extract/ and data/ are headless: no textual (nor tui) import, by source and at run time; and small."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = ("extract", "data")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            found.append("." * node.level + module)
    return found


@pytest.mark.parametrize("folder", HEADLESS)
def test_headless_sources_never_import_textual_or_the_tui(folder: str) -> None:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    offenders = {
        str(path.relative_to(ROOT)): name
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in ("textual", "tui") or ".tui" in name or name.startswith("tradedash.tui")
    }
    assert offenders == {}


def test_importing_every_headless_module_loads_no_textual() -> None:
    code = """
import importlib, json, pkgutil, sys
loaded = []
for package in ("tradedash.extract", "tradedash.data"):
    pkg = importlib.import_module(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
print(json.dumps({"loaded": loaded, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(out.stdout)
    assert "tradedash.extract.series" in result["loaded"] and "tradedash.extract.store" in result["loaded"]
    assert result["textual"] == []


def test_no_extract_module_over_400_lines() -> None:
    """Small modules named for what they hold: a module that outgrows this is two subjects."""
    files = sorted((ROOT / "extract").rglob("*.py"))
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in files}
    assert len(sizes) > 20
    assert {name: n for name, n in sizes.items() if n > 400} == {}
