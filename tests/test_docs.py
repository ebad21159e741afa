"""The engineer's pages name real code: every module path in docs/architecture.md and
docs/extending.md exists, and the layer table is the import-linter contract's order."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "doiregistry"
PAGES = ("architecture.md", "extending.md")
#: `search/dois/service.py`, `api/rest/`, `src/doiregistry/settings.py` …
PATH = re.compile(r"`(?:src/doiregistry/)?((?:[a-z_]+/)+(?:[a-z_0-9]+\.py)?|[a-z_]+\.py)`")
#: `doiregistry.domain.clock.Clock`, `doiregistry.search` …
DOTTED = re.compile(r"`(doiregistry(?:\.[A-Za-z_]+)+)`")


def _text(page: str) -> str:
    return (ROOT / "docs" / page).read_text(encoding="utf-8")


def _resolves(dotted: str) -> bool:
    """True if ``dotted`` is a module, or a module and an attribute path inside it."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


@pytest.mark.parametrize("page", PAGES)
def test_every_module_path_named_exists(page: str) -> None:
    text = _text(page)
    named = set(PATH.findall(text))
    assert named, f"{page} names no module"
    missing = sorted(
        path
        for path in named
        if path.split("/")[0] not in ("docs", "tests", "benchmarks")
        and not (PACKAGE / path).exists()
    )
    assert missing == [], f"{page} names modules that do not exist"
    for path in (path for path in named if path.split("/")[0] in ("tests", "benchmarks")):
        assert (ROOT / path).exists(), f"{page} names {path}"


@pytest.mark.parametrize("page", PAGES)
def test_every_dotted_name_resolves(page: str) -> None:
    unresolved = sorted(name for name in set(DOTTED.findall(_text(page))) if not _resolves(name))
    assert unresolved == []


def test_the_layer_table_is_the_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    table = re.findall(r"^\| \d+ \| `(doiregistry(?:\.\w+)?)` \|", _text("architecture.md"), re.M)
    assert table == contract["layers"]


def test_the_readme_links_every_page_of_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in readme, page.name
