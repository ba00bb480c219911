"""Checks of deploy/jupyterhub/config.yaml, the Zero to JupyterHub configuration for a large class.

Helm validates a chart's default values deep-merged with the user's values against the chart's schema.
The tests that need the chart (its values.yaml and values.schema.yaml, in ../shared/z2jh beside the
repository) do the same and skip where that folder is absent. The others check what the schema cannot:
the image placeholder is marked, the memory values read as JupyterHub reads them, the README's
"Teaching a large class" section states the numbers the configuration sets, its nbgitpuller links open
notebooks that exist, and its repo2docker command is the one the configuration documents.
"""

import math
import re
import shlex
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = ROOT / "deploy" / "jupyterhub" / "config.yaml"
CONFIG_TEXT = CONFIG_PATH.read_text(encoding="utf-8")
CONFIG = yaml.safe_load(CONFIG_TEXT)
CHART = Path(ROOT).parent / "shared" / "z2jh"

# How each reader turns a size into bytes: JupyterHub's ByteSpecification (singleuser.memory, suffixes
# in units of 1024), Kubernetes quantities with IEC suffixes (singleuser.storage.capacity), the README.
JUPYTERHUB_UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
KUBERNETES_UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
README_UNITS = {"MiB": 2**20, "GiB": 2**30}
MiB = 2**20

# The section of each README, and how it words the numbers (English, 简体中文). Whitespace is ignored in
# both the patterns and the text, so that wrapping a line, in either language, changes nothing.
README_SECTIONS = {
    "en": (ROOT / "README.md", "## Teaching a large class"),
    "zh-CN": (ROOT / "README.zh-CN.md", "## 大班教学"),
}
WORDING = {
    "en": {
        "memory": r"\| memory \| ([\d.]+ [MG]iB) \| ([\d.]+ [MG]iB) \|",
        "cpu": r"\| CPU \| ([\d.]+) cores? \| ([\d.]+) cores? \|",
        "disk": r"\| disk \| ([\d.]+ [MG]iB) \|",
        "memory_total": r"(\d+) students × (\d+) MiB = (\d+) GiB",
        "cpu_total": r"(\d+) × ([\d.]+) = (\d+) cores",
        "nodes": r"about (\d+) GiB allocatable\) takes (\d+) students, so (\d+) students need (\d+) such",
        "server_cull": r"A server idle for (\d+) minutes is stopped",
        "kernel_cull": r"shut down after (\d+) idle minutes",
    },
    "zh-CN": {
        "memory": r"\| 内存 \| ([\d.]+ [MG]iB) \| ([\d.]+ [MG]iB) \|",
        "cpu": r"\| CPU \| ([\d.]+) 核 \| ([\d.]+) 核 \|",
        "disk": r"\| 磁盘 \| ([\d.]+ [MG]iB) \|",
        "memory_total": r"(\d+) 名学生 × (\d+) MiB = (\d+) GiB",
        "cpu_total": r"(\d+) × ([\d.]+) = (\d+) 核",
        "nodes": r"可分配约 (\d+) GiB）能容纳 (\d+) 名学生，所以 (\d+) 名学生需要 (\d+) 个这样的节点",
        "server_cull": r"服务器空闲 (\d+) 分钟后会被停止",
        "kernel_cull": r"内核空闲 (\d+) 分钟后会被关闭",
    },
}


def deep_merge(defaults, overrides):
    """Values as Helm merges them: `overrides` over `defaults`, dicts merged key by key, recursively;
    any other value (a list, a scalar) of `overrides` replaces the default. Neither argument is changed.

    defaults, overrides: dicts (parsed YAML). Returns a new dict. Raises TypeError naming the argument
    that is not a dict.
    """
    for name, value in (("defaults", defaults), ("overrides", overrides)):
        if not isinstance(value, dict):
            raise TypeError(f"{name} must be a dict, got {type(value).__name__}")
    merged = dict(defaults)
    for key, value in overrides.items():
        old = merged.get(key)
        merged[key] = deep_merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def schema_errors(validator, values):
    """How `values` break the chart's schema: (dotted key path, message) pairs, sorted.

    validator: a jsonschema Draft7Validator of the chart's values.schema.yaml; values: merged values.
    Returns [] when they validate.
    """
    return sorted((".".join(map(str, error.absolute_path)), error.message)
                  for error in validator.iter_errors(values))


def quantity_bytes(value, units):
    """The bytes in `value`, read with `units` ({suffix: bytes per unit}, the longest suffix wins).

    value: a number (bytes), or a string of a number and one of the suffixes, with or without a space
    ("512M", "1 GiB"). Returns an int. Raises ValueError naming the value and the accepted suffixes.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    for suffix in sorted(units, key=len, reverse=True):
        if isinstance(value, str) and value.endswith(suffix):
            try:
                return int(float(value[: -len(suffix)]) * units[suffix])
            except ValueError:
                break
    raise ValueError(f"value {value!r} is not a number followed by one of {sorted(units)}")


def get(values, dotted):
    """The value at the dotted key path `dotted` ("singleuser.memory.limit") of nested dicts `values`.
    Raises KeyError naming the whole path when a key is missing."""
    for key in dotted.split("."):
        if not isinstance(values, dict) or key not in values:
            raise KeyError(f"{dotted} (no {key!r})")
        values = values[key]
    return values


def readme_section(language):
    """The text of the README's large-class section in `language` ("en" or "zh-CN"), its heading to
    the next heading of the same level. Fails the test, naming the file, when the section is missing."""
    path, heading = README_SECTIONS[language]
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"{path.name} has no {heading!r} section (the numbers of deploy/jupyterhub/config.yaml)"
    return match.group(1)


def stated(language, what):
    """The groups of the README's sentence or table row `what` (a key of WORDING) in `language`, as
    strings without whitespace ("512MiB"). Fails the test, quoting the wording looked for, when the
    README does not say it."""
    pattern = WORDING[language][what]
    match = re.search(re.sub(r"\s+", "", pattern), re.sub(r"\s+", "", readme_section(language)))
    assert match, f"README ({language}) does not state {what}: no match for {pattern!r}"
    return match.groups()


def repo2docker_options(text):
    """The options of the first `jupyter-repo2docker` command in `text`: shell lines, possibly inside
    `#` comments, continued with a trailing backslash. Returns {"--option": value, or None for a flag}."""
    start = text.index("jupyter-repo2docker --")
    words = []
    for line in text[start:].splitlines():
        line = line.strip().removeprefix("#").strip()
        words.append(line.removesuffix("\\"))
        if not line.endswith("\\"):
            break
    tokens = shlex.split(" ".join(words))[1:]
    return {token: (value if not value.startswith("--") else None)
            for token, value in zip(tokens, [*tokens[1:], "--"], strict=True) if token.startswith("--")}


@pytest.fixture(scope="module")
def chart():
    """(default values, Draft7Validator of the schema) of the Zero to JupyterHub chart in ../shared."""
    if not CHART.is_dir():
        pytest.skip(f"the Zero to JupyterHub chart's values and schema are not here: {CHART} does not exist")
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    return defaults, Draft7Validator(schema)


# --- the checker itself --------------------------------------------------------------------------------


def test_deep_merge_merges_dicts_and_replaces_everything_else():
    defaults = {"a": {"b": 1, "c": [1, 2], "d": {"e": "x"}}, "f": 2, "g": {"h": 1}}
    overrides = {"a": {"c": [3], "d": {"k": True}}, "f": {"now": "a dict"}, "g": 5, "new": [1]}
    assert deep_merge(defaults, overrides) == {
        "a": {"b": 1, "c": [3], "d": {"e": "x", "k": True}}, "f": {"now": "a dict"}, "g": 5, "new": [1],
    }
    assert defaults == {"a": {"b": 1, "c": [1, 2], "d": {"e": "x"}}, "f": 2, "g": {"h": 1}}
    assert overrides == {"a": {"c": [3], "d": {"k": True}}, "f": {"now": "a dict"}, "g": 5, "new": [1]}
    assert deep_merge({"a": 1}, {}) == {"a": 1}
    assert deep_merge({}, {"a": {"b": 2}}) == {"a": {"b": 2}}


@pytest.mark.parametrize("defaults, overrides, name", [([], {}, "defaults"), ({}, None, "overrides")])
def test_deep_merge_names_the_argument_that_is_not_a_dict(defaults, overrides, name):
    with pytest.raises(TypeError, match=f"^{name} must be a dict"):
        deep_merge(defaults, overrides)


def test_quantity_bytes_reads_each_notation():
    assert quantity_bytes("512M", JUPYTERHUB_UNITS) == 512 * MiB
    assert quantity_bytes("1G", JUPYTERHUB_UNITS) == 1024 * MiB
    assert quantity_bytes("1.5G", JUPYTERHUB_UNITS) == 1536 * MiB
    assert quantity_bytes(1000, JUPYTERHUB_UNITS) == 1000
    assert quantity_bytes("1Gi", KUBERNETES_UNITS) == 1024 * MiB
    assert quantity_bytes("512 MiB", README_UNITS) == 512 * MiB
    # JupyterHub refuses Kubernetes' "Mi": a server would not start, so the checks must not accept it.
    for value, units in [("512Mi", JUPYTERHUB_UNITS), ("1G", KUBERNETES_UNITS), ("lots", README_UNITS),
                         (None, JUPYTERHUB_UNITS)]:
        with pytest.raises(ValueError, match="is not a number followed by one of"):
            quantity_bytes(value, units)


def test_the_chart_defaults_validate(chart):
    defaults, validator = chart
    assert schema_errors(validator, defaults) == []


def test_the_checker_rejects_a_misspelt_key_naming_it(chart):
    defaults, validator = chart
    broken = deep_merge(CONFIG, {"singleuser": {"memory": {"limt": "1G"}}})
    assert schema_errors(validator, deep_merge(defaults, broken)) == [
        ("singleuser.memory", "Additional properties are not allowed ('limt' was unexpected)"),
    ]


def test_the_checker_rejects_a_wrong_type_naming_the_key(chart):
    defaults, validator = chart
    broken = deep_merge(CONFIG, {"singleuser": {"cpu": {"limit": "one core"}}})
    assert schema_errors(validator, deep_merge(defaults, broken)) == [
        ("singleuser.cpu.limit", "'one core' is not of type 'number', 'null'"),
    ]


# --- the configuration ------------------------------------------------------------------------------


def test_config_validates_against_the_chart_schema(chart):
    defaults, validator = chart
    assert schema_errors(validator, deep_merge(defaults, CONFIG)) == []


def test_config_sets_no_null():
    # Helm deletes a key set to null instead of replacing its default, which deep_merge does not model.
    def nulls(values, path=""):
        if isinstance(values, dict):
            return [p for key, value in values.items() for p in nulls(value, f"{path}{key}.")]
        return [path.rstrip(".")] if values is None else []

    assert nulls(CONFIG) == []


def test_servers_start_in_the_home_folder_the_chart_mounts(chart):
    defaults, _ = chart
    values = deep_merge(defaults, CONFIG)
    home = get(values, "singleuser.storage.homeMountPath")
    assert get(values, "hub.config.KubeSpawner.working_dir") == home == "/home/jovyan"
    options = repo2docker_options(CONFIG_TEXT)
    assert options["--user-id"] == str(get(values, "singleuser.uid"))
    assert f"/home/{options['--user-name']}" == home


def test_the_image_is_a_marked_placeholder():
    image = get(CONFIG, "singleuser.image")
    assert "REPLACE-ME" in image["name"] and image["tag"] == "REPLACE-ME"
    # Upper case makes the name an invalid image reference: a forgotten placeholder fails to pull at once.
    assert image["name"] != image["name"].lower()
    for key in ("name", "tag"):
        line = next(line for line in CONFIG_TEXT.splitlines() if line.strip().startswith(f"{key}:"))
        assert "# REPLACE-ME:" in line, f"the line of singleuser.image.{key} does not say what to put there"


def test_memory_and_cpu_read_as_jupyterhub_reads_them():
    memory, cpu = get(CONFIG, "singleuser.memory"), get(CONFIG, "singleuser.cpu")
    guarantee, limit = (quantity_bytes(memory[key], JUPYTERHUB_UNITS) for key in ("guarantee", "limit"))
    assert (guarantee, limit) == (512 * MiB, 1024 * MiB)
    assert 0 < cpu["guarantee"] <= cpu["limit"]
    assert quantity_bytes(get(CONFIG, "singleuser.storage.capacity"), KUBERNETES_UNITS) == 1024 * MiB


def test_idle_servers_and_kernels_are_culled():
    cull = get(CONFIG, "cull")
    assert cull["enabled"] is True and cull["timeout"] > 0 and cull["every"] > 0
    kernels = get(CONFIG, "singleuser.extraFiles.kernel-culling")
    # /etc/jupyter is on the config path of every Jupyter server; the file is JSON because of its name.
    assert kernels["mountPath"] == "/etc/jupyter/jupyter_server_config.json"
    assert kernels["data"]["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert kernels["data"]["MappingKernelManager"]["cull_connected"] is False


def test_openblas_uses_one_thread():
    assert get(CONFIG, "singleuser.extraEnv.OPENBLAS_NUM_THREADS") == "1"


# --- the README's section ------------------------------------------------------------------------


@pytest.mark.parametrize("language", README_SECTIONS)
def test_readme_states_the_configured_resources(language):
    memory, cpu = get(CONFIG, "singleuser.memory"), get(CONFIG, "singleuser.cpu")
    guarantee, limit = stated(language, "memory")
    assert quantity_bytes(guarantee, README_UNITS) == quantity_bytes(memory["guarantee"], JUPYTERHUB_UNITS)
    assert quantity_bytes(limit, README_UNITS) == quantity_bytes(memory["limit"], JUPYTERHUB_UNITS)
    assert tuple(map(float, stated(language, "cpu"))) == (cpu["guarantee"], cpu["limit"])
    (disk,) = stated(language, "disk")
    assert quantity_bytes(disk, README_UNITS) == quantity_bytes(
        get(CONFIG, "singleuser.storage.capacity"), KUBERNETES_UNITS)
    (minutes,) = stated(language, "server_cull")
    assert int(minutes) * 60 == get(CONFIG, "cull.timeout")
    (minutes,) = stated(language, "kernel_cull")
    assert int(minutes) * 60 == get(
        CONFIG, "singleuser.extraFiles.kernel-culling.data.MappingKernelManager.cull_idle_timeout")


@pytest.mark.parametrize("language", README_SECTIONS)
def test_readme_sizing_adds_up(language):
    guarantee_mib = quantity_bytes(get(CONFIG, "singleuser.memory.guarantee"), JUPYTERHUB_UNITS) // MiB
    students, mib, gib = map(int, stated(language, "memory_total"))
    assert mib == guarantee_mib and students * mib == gib * 1024
    cpu_students, cores_each, cores = stated(language, "cpu_total")
    assert int(cpu_students) == students and float(cores_each) == get(CONFIG, "singleuser.cpu.guarantee")
    assert math.isclose(students * float(cores_each), int(cores))
    allocatable_gib, per_node, class_size, nodes = map(int, stated(language, "nodes"))
    assert class_size == students
    assert per_node == allocatable_gib * 1024 // guarantee_mib  # as many guarantees as fit on a node
    assert nodes == math.ceil(students / per_node)


@pytest.mark.parametrize("language", README_SECTIONS)
def test_readme_nbgitpuller_links_open_existing_notebooks(language):
    links = re.findall(r"`(https://HUB/hub/user-redirect/git-pull\?[^`]+)`", readme_section(language))
    assert len(links) == 2, f"README ({language}): expected the English and the Chinese link, got {links}"
    opened = set()
    for link in links:
        query = {key: value for key, (value,) in parse_qs(urlsplit(link).query, strict_parsing=True).items()}
        assert set(query) == {"repo", "branch", "urlpath"}
        # nbgitpuller clones into a folder named after the repository's last path component.
        folder = query["repo"].rstrip("/").split("/")[-1]
        assert not folder.endswith(".git")
        prefix = f"lab/tree/{folder}/"
        assert query["urlpath"].startswith(prefix), query["urlpath"]
        notebook = query["urlpath"].removeprefix(prefix)
        assert (ROOT / notebook).is_file(), f"{notebook} is not a notebook of the repository"
        opened.add(notebook)
    assert opened == {"notebooks/00_index.ipynb", "notebooks/zh-CN/00_index.ipynb"}


@pytest.mark.parametrize("language", README_SECTIONS)
def test_readme_builds_the_image_the_config_documents(language):
    readme, config = repo2docker_options(readme_section(language)), repo2docker_options(CONFIG_TEXT)
    keys = ("--no-run", "--user-id", "--user-name", "--target-repo-dir", "--appendix")
    assert {key: readme[key] for key in keys} == {key: config[key] for key in keys}
    home = get(CONFIG, "hub.config.KubeSpawner.working_dir")
    # The repository (bp_core is installed editable from it) must not be where the student's disk goes.
    assert not Path(config["--target-repo-dir"]).is_relative_to(home)
    assert re.search(r"\bnbgitpuller==\d+\.\d+\.\d+\b", config["--appendix"])


def test_repo2docker_options_reads_a_commented_continued_command():
    text = "# pip install jupyter-repo2docker\n#   jupyter-repo2docker --no-run --user-id 1000 \\\n" \
           "#     --appendix 'RUN pip install x==1' --image-name a/b:c .\n# docker push a/b:c\n"
    assert repo2docker_options(text) == {"--no-run": None, "--user-id": "1000",
                                         "--appendix": "RUN pip install x==1", "--image-name": "a/b:c"}
