"""Notebook hygiene: stored as one clean run, importing bp_core rather than pasting it, links that resolve.

(Their outputs are compared cell by cell by nbval, collected from notebooks/ by the same pytest run.)
"""

import ast
import contextlib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import bp_core

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
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


def test_the_learning_path_is_complete():
    assert [p.stem for p in PATHS] == EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
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


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
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


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_has_title_and_seeded_randomness(path):
    nb = load(path)
    assert "".join(nb["cells"][0]["source"]).startswith("# ")
    code = "\n".join("".join(c["source"]) for c in code_cells(nb))
    assert "np.random.seed(" not in code and not re.search(r"np\.random\.(rand|randn|normal|choice)\(", code)
    assert not re.search(r"default_rng\(\s*\)", code), "an unseeded generator"


def test_index_links_resolve():
    index = NOTEBOOKS / "00_index.ipynb"
    text = "\n".join("".join(c["source"]) for c in load(index)["cells"] if c["cell_type"] == "markdown")
    links = [unquote(m) for m in re.findall(r"\]\(([^)#\s]+)", text) if not m.startswith(("http", "mailto:"))]
    assert {p.name for p in PATHS} - {"00_index.ipynb"} <= set(links)
    for link in links:
        assert (NOTEBOOKS / link).resolve().exists(), f"broken link {link}"


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
    sources = {p.name: "\n".join("".join(c["source"]) for c in load(p)["cells"]) for p in PATHS}
    sources |= {p.name: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    for name, text in sources.items():
        for pattern in (r"\\delta\^L\b", r"z\^L\b", "δᴸ", r"\bzL\b", r"\bWL\b", r"δ_L\b"):
            assert not re.search(pattern, text), f"{name} writes {pattern}"


def optional_cells(nb):
    return [i for i, c in enumerate(nb["cells"]) if "optional" in c.get("metadata", {}).get("tags", [])]


def test_optional_parts_say_so_and_can_be_skipped():
    """Each optional part starts with a visible "Optional" box; the rest of the notebook runs without it."""
    with_optional = [p for p in PATHS if optional_cells(load(p))]
    assert {p.stem for p in with_optional} >= {"04_learning_rate", "07_gradient_check"}
    for path in with_optional:
        nb = load(path)
        skipped = optional_cells(nb)
        starts = [i for i in skipped if i - 1 not in skipped]
        for i in starts:
            cell = nb["cells"][i]
            opens = cell["cell_type"] == "markdown" and "> **Optional" in "".join(cell["source"])
            assert opens, (path.name, i)
        namespace = {"__name__": "__main__"}
        with contextlib.chdir(path.parent), contextlib.redirect_stdout(None):
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] == "code" and i not in skipped:
                    exec(compile("".join(cell["source"]), f"{path.name}[{i}]", "exec"), namespace)
