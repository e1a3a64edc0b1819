"""The layering the code promises: a pure core, adapters around it, and a CLI nothing imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cc_syndicate"
PURE = {"errors", "models", "text", "licenses", "urls", "pages", "originals", "match", "checks", "attribution",
        "policy", "audit", "present", "feeds", "index", "notices", "frame", "css", "refresh", "terminal", "cases",
        "judgement", "memo", "elements"}
IO_LIBRARIES = {"requests", "urllib3", "requests_hardened", "sqlite3", "socket", "http", "subprocess", "argparse"}


def imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from .x import y
                found.add("cc_syndicate." + (node.module or ""))
            else:
                found.add(node.module or "")
    return found


MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "__main__"})


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.stem)
def test_nothing_imports_the_cli(module: Path) -> None:
    if module.stem != "cli":
        assert "cc_syndicate.cli" not in imports(module)


@pytest.mark.parametrize("module", [m for m in MODULES if m.stem in PURE], ids=lambda p: p.stem)
def test_the_core_is_pure(module: Path) -> None:
    used = {name.split(".")[0] for name in imports(module)}
    assert not used & IO_LIBRARIES, f"{module.stem} must not do I/O: {used & IO_LIBRARIES}"
    assert not {"cc_syndicate.fetch", "cc_syndicate.store", "cc_syndicate.check", "cc_syndicate.run"} & imports(module)


def test_only_fetch_speaks_http() -> None:
    for module in MODULES:
        if module.stem != "fetch":
            assert not {"requests", "urllib3", "requests_hardened"} & {n.split(".")[0] for n in imports(module)}, module.stem
