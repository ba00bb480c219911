"""Static checks of the Binder configuration (no network, no Docker).

repo2docker reads only ``binder/`` once that folder exists, so these tests make sure it
installs exactly what ``requirements.txt`` pins, plus ``bp_core`` itself, on the Python
that ``pyproject.toml`` supports, and that the README's Binder badge opens a notebook
that exists.

``requirements.txt`` is compiled by uv for every platform at once: a package that only one
platform or Python version needs carries an environment marker
(``pywinpty==3.1.2 ; os_name == 'nt'``), and a package may be pinned once per Python range
(``contourpy==1.3.3 ; python_full_version < '3.12'``). So "pinned once" is checked per
environment.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
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

# Environments in which a pinned set must hold at most one version of each package: Binder and CI
# (Linux), macOS and Windows, on the Python versions around the bounds that uv's markers use.
PLATFORMS = {
    "linux": {"sys_platform": "linux", "os_name": "posix", "platform_system": "Linux"},
    "darwin": {"sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin"},
    "win32": {"sys_platform": "win32", "os_name": "nt", "platform_system": "Windows"},
}
PYTHONS = [f"3.11.{micro}" for micro in range(16)] + ["3.12.0", "3.13.0", "3.14.0"]
ENVIRONMENTS = [
    {
        **markers,
        "python_full_version": full,
        "python_version": ".".join(full.split(".")[:2]),
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    for markers in PLATFORMS.values()
    for full in PYTHONS
]


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


def parse_pin(line: str) -> Requirement:
    """A ``name==version`` line, optionally with an environment marker, or an AssertionError."""
    try:
        req = Requirement(line)
    except InvalidRequirement as exc:
        raise AssertionError(f"requirements line {line!r} is not a requirement: {exc}") from None
    specs = list(req.specifier)
    pinned = len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version
    assert pinned and req.url is None, f"requirements line {line!r} is not pinned with =="
    return req


def pins_in(requirements: list[Requirement], environment: dict[str, str]) -> dict[str, str]:
    """``{canonical name: version}`` of the pins that apply in ``environment``; each name at most once."""
    found: dict[str, str] = {}
    for req in requirements:
        if req.marker is not None and not req.marker.evaluate(environment):
            continue
        name = canonicalize_name(req.name)
        version = next(iter(req.specifier)).version
        where = f"{environment.get('sys_platform')}, Python {environment.get('python_full_version')}"
        assert name not in found, f"{name} is pinned twice ({found[name]} and {version}) for {where}"
        found[name] = version
    return found


def test_binder_files_exist():
    assert (BINDER / "requirements.txt").is_file()
    assert (BINDER / "runtime.txt").is_file()


def apt_packages(text: str) -> list[str]:
    """The packages of an apt.txt as repo2docker reads it: one per line, # starts a comment."""
    return [name for line in text.splitlines() if (name := line.partition("#")[0].strip())]


def test_binder_installs_the_cjk_font_that_ci_installs():
    """The Chinese edition's figures need a CJK font on Binder as in CI (.ci/run's APT_PACKAGES)."""
    packages = apt_packages((BINDER / "apt.txt").read_text(encoding="utf-8"))
    assert packages == ["fonts-noto-cjk"]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", name) for name in packages)
    ci_line = re.search(r"^APT_PACKAGES=\((.*)\)$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.M)
    assert ci_line and set(packages) <= set(ci_line.group(1).split())


def test_apt_packages_are_read_as_repo2docker_reads_them():
    assert apt_packages("# a comment\n\nfonts-noto-cjk  # inline\n  curl\n") == ["fonts-noto-cjk", "curl"]


def test_every_requirement_is_pinned():
    for kind, value in resolve_requirements(ROOT / "requirements.txt", cwd=ROOT):
        if kind == "editable":
            assert Path(value) == ROOT, f"only `-e .` may be unpinned, found an editable install of {value}"
        else:
            parse_pin(value)


def test_binder_requirements_are_the_root_pins_plus_the_package():
    root = resolve_requirements(ROOT / "requirements.txt", cwd=ROOT)
    binder = resolve_requirements(BINDER / "requirements.txt", cwd=ROOT)
    assert sorted(binder) == sorted(root), (
        "binder/requirements.txt must resolve to exactly requirements.txt (use `-r ../requirements.txt`)"
    )
    assert ("editable", str(ROOT)) in binder, "Binder must install bp_core from the repository root (-e .)"
    pins = [parse_pin(v) for k, v in binder if k == "pin"]
    assert pins, "binder/requirements.txt pins nothing"
    for environment in ENVIRONMENTS:
        pins_in(pins, environment)  # raises if a package is pinned twice there
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


@pytest.mark.parametrize("readme_name, index", [("README.md", "notebooks/00_index.ipynb"),
                                                ("README.zh-CN.md", "notebooks/zh-CN/00_index.ipynb")])
def test_readme_binder_badge_opens_an_existing_notebook(readme_name, index):
    readme = (ROOT / readme_name).read_text(encoding="utf-8")
    urls = list(BADGE_URL.finditer(readme))
    if not urls:
        pytest.fail(f"README.md has no Binder badge; expected a line like\n{EXPECTED_BADGE}")
    assert "https://mybinder.org/badge_logo.svg" in readme, "the Binder link should use the badge image"
    for url in urls:
        urlpath = unquote(url.group("urlpath"))
        m = re.fullmatch(r"/?(?:lab/tree|voila/render)/(.+\.ipynb)", urlpath)  # JupyterLab or lecture mode
        assert m, f"Binder urlpath {urlpath!r} should be lab/tree/ or voila/render/notebooks/<name>.ipynb"
        target = ROOT / m.group(1)
        assert target.is_file(), f"the Binder link opens {m.group(1)}, which does not exist"
    assert any(unquote(url.group("urlpath")).endswith(index) for url in urls), f"{readme_name} opens {index}"


# The parsing above, on made-up requirements files, so that the checks on the real files can fail.


def test_parse_pin_accepts_a_pin_with_a_marker():
    req = parse_pin("pywinpty==3.1.2 ; os_name == 'nt'")
    assert (req.name, str(req.specifier), str(req.marker)) == ("pywinpty", "==3.1.2", 'os_name == "nt"')


@pytest.mark.parametrize(
    "line", ["numpy", "numpy>=2.0", "numpy==2.*", "numpy==2.4.6,!=2.4.5", "numpy @ file:///tmp/np", "--pre"]
)
def test_parse_pin_rejects_what_is_not_pinned_with_double_equals(line: str):
    with pytest.raises(AssertionError, match="pinned with ==|not a requirement"):
        parse_pin(line)


def test_resolve_requirements_reads_uv_output(tmp_path: Path):
    (tmp_path / "requirements.txt").write_text(
        "# This file was autogenerated by uv via the following command:\n"
        "#    uv pip compile --universal requirements.in -o requirements.txt\n"
        "-e .\n"
        "    # via -r requirements.in\n"
        "colorama==0.4.6 ; sys_platform == 'win32'\n"
        "    # via\n"
        "    #   ipython\n"
        "numpy==2.4.6\n",
        encoding="utf-8",
    )
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text("-r ../requirements.txt\n", encoding="utf-8")
    entries = resolve_requirements(tmp_path / "binder" / "requirements.txt", cwd=tmp_path)
    assert entries == [
        ("editable", str(tmp_path.resolve())),
        ("pin", "colorama==0.4.6 ; sys_platform == 'win32'"),
        ("pin", "numpy==2.4.6"),
    ]


def test_pins_in_applies_markers_and_rejects_a_package_pinned_twice():
    linux, win32 = (next(e for e in ENVIRONMENTS if e["sys_platform"] == p) for p in ("linux", "win32"))
    forked = [
        parse_pin("contourpy==1.3.3 ; python_full_version < '3.12'"),
        parse_pin("contourpy==1.4.0 ; python_full_version >= '3.12'"),
        parse_pin("colorama==0.4.6 ; sys_platform == 'win32'"),
    ]
    assert pins_in(forked, linux) == {"contourpy": "1.3.3"}
    assert pins_in(forked, win32) == {"contourpy": "1.3.3", "colorama": "0.4.6"}
    assert pins_in(forked, {**linux, "python_full_version": "3.13.0", "python_version": "3.13"}) == {
        "contourpy": "1.4.0"
    }
    twice = [parse_pin("NumPy==2.4.6"), parse_pin("numpy==2.4.5 ; sys_platform == 'win32'")]
    assert pins_in(twice, linux) == {"numpy": "2.4.6"}
    with pytest.raises(AssertionError, match="numpy is pinned twice"):
        pins_in(twice, win32)
