"""Static checks of the Binder configuration (no network, no Docker).

repo2docker reads only ``binder/`` once that folder exists, so these tests make sure it
installs exactly what ``requirements.txt`` pins, plus ``bp_core`` itself, on the Python
that ``pyproject.toml`` supports, and that the README's Binder badge opens a notebook
that exists.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"

# What the README must contain (org/repo are whatever the repository is published as).
EXPECTED_BADGE = (
    "[![Binder](https://mybinder.org/badge_logo.svg)]"
    "(https://mybinder.org/v2/gh/bp-step-by-step/backprop-step-by-step/HEAD"
    "?urlpath=lab/tree/notebooks/00_index.ipynb)"
)
BADGE_URL = re.compile(
    r"https://mybinder\.org/v2/gh/(?P<org>[\w.-]+)/(?P<repo>[\w.-]+)/(?P<ref>[^/?\s)]+)"
    r"\?urlpath=(?P<urlpath>[^)\s\"'>]+)"
)
# Files that make repo2docker ignore binder/requirements.txt or run extra steps.
OVERRIDING_CONFIGS = ("environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "install.R", "Project.toml")


def _strip(line: str) -> str:
    """A requirements line without its comment and surrounding blanks."""
    return re.sub(r"(^|\s)#.*$", "", line).strip()


def resolve_requirements(
    path: Path, cwd: Path, _seen: frozenset[Path] = frozenset()
) -> list[tuple[str, str]]:
    """Flatten a requirements file the way pip reads it.

    ``-r`` paths are relative to the file that names them; ``-e`` paths are relative to the
    directory pip runs in (``cwd``; repo2docker runs pip from the repository root).
    Returns ``("pin", "name==version")`` and ``("editable", "/absolute/path")`` entries.
    """
    path = path.resolve()
    assert path not in _seen, f"requirements include loop at {path}"
    assert path.is_file(), f"{path} does not exist"
    entries: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = _strip(raw)
        if not line:
            continue
        if m := re.fullmatch(r"(?:-r|--requirement)\s*=?\s*(\S+)", line):
            entries += resolve_requirements(path.parent / m.group(1), cwd, _seen | {path})
        elif m := re.fullmatch(r"(?:-e|--editable)\s*=?\s*(\S+)", line):
            entries.append(("editable", str((cwd / m.group(1)).resolve())))
        else:
            entries.append(("pin", line))
    return entries


def test_binder_files_exist():
    assert (BINDER / "requirements.txt").is_file()
    assert (BINDER / "runtime.txt").is_file()


def test_every_requirement_is_pinned():
    for kind, value in resolve_requirements(ROOT / "requirements.txt", cwd=ROOT):
        if kind == "editable":
            assert Path(value) == ROOT, f"only `-e .` may be unpinned, found an editable install of {value}"
        else:
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*(\[[\w,.-]+\])?==[\w.+!-]+", value), (
                f"requirements.txt line {value!r} is not pinned with =="
            )


def test_binder_requirements_are_the_root_pins_plus_the_package():
    root = resolve_requirements(ROOT / "requirements.txt", cwd=ROOT)
    binder = resolve_requirements(BINDER / "requirements.txt", cwd=ROOT)
    assert sorted(binder) == sorted(root), (
        "binder/requirements.txt must resolve to exactly requirements.txt (use `-r ../requirements.txt`)"
    )
    assert ("editable", str(ROOT)) in binder, "Binder must install bp_core from the repository root (-e .)"
    pins = [v for k, v in binder if k == "pin"]
    names = [re.split(r"[=\[]", p)[0].lower().replace("_", "-") for p in pins]
    assert len(names) == len(set(names)), f"a package is pinned twice: {names}"
    assert (ROOT / "pyproject.toml").is_file(), "the editable install needs pyproject.toml at the root"


def test_runtime_matches_requires_python():
    runtime = _strip((BINDER / "runtime.txt").read_text(encoding="utf-8"))
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert m, f"binder/runtime.txt should read like python-3.11, got {runtime!r}"
    assert m.group(1) == "3.11"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = SpecifierSet(project["requires-python"])
    assert Version(m.group(1)) in spec, f"Binder's Python {m.group(1)} is outside requires-python {spec}"


def test_no_overriding_binder_config():
    found = [name for name in OVERRIDING_CONFIGS if (BINDER / name).exists()]
    assert not found, f"{found} in binder/ would change what repo2docker installs"


def test_postbuild_stops_on_error():
    post_build = BINDER / "postBuild"
    if not post_build.exists():
        return  # nothing to check: no postBuild is the preferred state
    lines = [_strip(x) for x in post_build.read_text(encoding="utf-8").splitlines()]
    assert any(re.fullmatch(r"set\s+-[a-z]*e[a-z]*(\s.*)?", x) for x in lines), (
        "binder/postBuild must start with `set -e` (or `set -euo pipefail`), otherwise failures are ignored"
    )


def test_readme_binder_badge_opens_an_existing_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    urls = list(BADGE_URL.finditer(readme))
    if not urls:
        pytest.fail(f"README.md has no Binder badge; expected a line like\n{EXPECTED_BADGE}")
    assert "https://mybinder.org/badge_logo.svg" in readme, "the Binder link should use the badge image"
    for url in urls:
        urlpath = unquote(url.group("urlpath"))
        m = re.fullmatch(r"/?lab/tree/(.+\.ipynb)", urlpath)
        assert m, f"Binder urlpath {urlpath!r} should be lab/tree/notebooks/<name>.ipynb"
        target = ROOT / m.group(1)
        assert target.is_file(), f"the Binder badge opens {m.group(1)}, which does not exist"
