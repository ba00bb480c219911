"""Notebook hygiene, in both editions (notebooks/ and notebooks/zh-CN/): stored as one clean run,
importing bp_core rather than pasting it, links that resolve, one notation, optional parts skippable.

(Their outputs are compared cell by cell by nbval, collected from notebooks/ by the same pytest run;
tests/test_zh_cn.py checks that the Chinese edition matches the English one.)
"""

import ast
import contextlib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import bp_core
from bp_core.course.i18n import set_language

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
BOTH = PATHS + sorted((NOTEBOOKS / "zh-CN").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_index", "01_chain_rule", "02_computational_graphs", "03_one_neuron", "04_learning_rate",
            "05_two_layers_by_hand", "06_mini_batches", "07_gradient_check", "08_loss_curves",
            "09_layers_and_digits"]
PACKAGE = Path(bp_core.__file__).parent
# Every class and function bp_core defines at module level: a notebook that defines one is pasting it.
# (Methods of a notebook's own class, such as the engine a learner builds, are the notebook's business.)
BP_CORE_NAMES = {node.name for path in PACKAGE.rglob("*.py")
                 for node in ast.parse(path.read_text(encoding="utf-8")).body
                 if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and not node.name.startswith("_")}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def edition(path):
    return path.relative_to(NOTEBOOKS).as_posix()


def test_the_learning_path_is_complete():
    assert [p.stem for p in PATHS] == EXPECTED
    assert [p.stem for p in BOTH[len(PATHS):]] == EXPECTED


@pytest.mark.parametrize("path", BOTH, ids=edition)
def test_stored_as_one_clean_run(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = code_cells(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    for c in cells:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"cell {c['execution_count']} stored an error"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), \
                f"cell {c['execution_count']} wrote to stderr: {''.join(out['text'])[:200]}"
            text = json.dumps(out)
            assert "/work/" not in text and "/home/" not in text and "/root/" not in text, "absolute path"


@pytest.mark.parametrize("path", BOTH, ids=edition)
def test_imports_bp_core_and_pastes_none_of_it(path):
    sources = ["".join(c["source"]) for c in code_cells(load(path))]
    defined = set()
    for src in sources:
        lines = [line for line in src.splitlines() if not line.lstrip().startswith(("%", "!"))]
        for node in ast.parse("\n".join(lines)).body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                defined.add(node.name)
    assert not defined & BP_CORE_NAMES, f"defines bp_core names: {sorted(defined & BP_CORE_NAMES)}"
    assert any(re.search(r"^\s*(from|import) bp_core", s, re.M) for s in sources)


@pytest.mark.parametrize("path", BOTH, ids=edition)
def test_has_title_and_seeded_randomness(path):
    nb = load(path)
    assert "".join(nb["cells"][0]["source"]).startswith("# ")
    code = "\n".join("".join(c["source"]) for c in code_cells(nb))
    assert "np.random.seed(" not in code and not re.search(r"np\.random\.(rand|randn|normal|choice)\(", code)
    assert not re.search(r"default_rng\(\s*\)", code), "an unseeded generator"


@pytest.mark.parametrize("index", [NOTEBOOKS / "00_index.ipynb", NOTEBOOKS / "zh-CN" / "00_index.ipynb"],
                         ids=edition)
def test_each_index_links_every_notebook_and_the_other_edition(index):
    text = markdown_of(index)
    links = {unquote(m) for m in re.findall(r"\]\(([^)#\s]+)", text) if not m.startswith(("http", "mailto:"))}
    assert {p.name for p in PATHS} - {"00_index.ipynb"} <= links
    other = "zh-CN/00_index.ipynb" if index.parent == NOTEBOOKS else "../00_index.ipynb"
    assert other in links


@pytest.mark.parametrize("path", BOTH, ids=edition)
def test_every_relative_link_resolves(path):
    links = [unquote(m) for m in re.findall(r"\]\(([^)#\s]+)", markdown_of(path))
             if not m.startswith(("http", "mailto:"))]
    broken = [link for link in links if not (path.parent / link).resolve().exists()]
    assert not broken, f"{edition(path)}: broken links {broken}"


def markdown_of(path):
    return "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")


GLOSSARY_ROW = re.compile(r"^\| ([^|]+) \| ([^|]+) \| (\d\d) \|$", re.M)
# Chinese in parentheses that names a post, a site or a phrase quoted from a post, not a term
NOT_TERMS = {"吾爱破解"}


def glossary():
    """{Chinese term: English} from the index notebook's glossary (every name in a row, split at / and ，)."""
    rows = GLOSSARY_ROW.findall(markdown_of(NOTEBOOKS / "00_index.ipynb"))
    terms = {}
    for english, chinese, _ in rows:
        for name in re.split(r"[，/（）]", chinese):
            if name.strip():
                terms[name.strip()] = english
    return terms


def test_the_glossary_holds_every_term_the_notebooks_translate():
    terms = glossary()
    assert len(terms) >= 70
    required = ["secant", "tangent", "curvature", "eigenvalue", "power iteration", "broadcasting", "Jacobian",
                "validation set", "test set", "logit", "saturation", "kink"]
    english = " ".join(terms.values())
    assert all(word in english for word in required), [w for w in required if w not in english]
    for path in PATHS:
        used = set(re.findall(r"\(([\u4e00-\u9fff]+)[,，)]", markdown_of(path))) - NOT_TERMS
        assert used <= set(terms), f"{path.name}: not in the glossary: {sorted(used - set(terms))}"


def test_one_notation_L_is_the_loss_and_M_the_last_layer():
    """δ^L, z^L would read as "of the loss": the number of layers is M (the index says so)."""
    assert "the number of layers is $M$" in markdown_of(NOTEBOOKS / "00_index.ipynb")
    sources = {edition(p): "\n".join("".join(c["source"]) for c in load(p)["cells"]) for p in BOTH}
    sources |= {p.name: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    for name, text in sources.items():
        for pattern in (r"\\delta\^L\b", r"z\^L\b", "δᴸ", r"\bzL\b", r"\bWL\b", r"δ_L\b"):
            assert not re.search(pattern, text), f"{name} writes {pattern}"


def optional_cells(nb):
    return [i for i, c in enumerate(nb["cells"]) if "optional" in c.get("metadata", {}).get("tags", [])]


OPTIONAL_BOX = {"notebooks": "> **Optional", "zh-CN": "> **选学"}  # the box's first words, by edition


@pytest.mark.parametrize("path", BOTH, ids=edition)
def test_optional_parts_say_so_and_can_be_skipped(path):
    """Each optional part starts with a visible "Optional" box; the rest of the notebook runs without it."""
    nb = load(path)
    skipped = optional_cells(nb)
    if not skipped:
        assert path.stem not in {"04_learning_rate", "07_gradient_check"}, "its optional parts are not tagged"
        return
    for i in [i for i in skipped if i - 1 not in skipped]:
        cell = nb["cells"][i]
        box = OPTIONAL_BOX[path.parent.name]
        assert cell["cell_type"] == "markdown" and box in "".join(cell["source"]), (edition(path), i, box)
    namespace = {"__name__": "__main__"}
    try:
        with contextlib.chdir(path.parent), contextlib.redirect_stdout(None):
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] == "code" and i not in skipped:
                    exec(compile("".join(cell["source"]), f"{edition(path)}[{i}]", "exec"), namespace)
    finally:
        set_language("en")  # the Chinese notebooks switch the course layer's language
