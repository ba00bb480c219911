"""Notebook hygiene: stored as one clean run, importing bp_core rather than pasting it, links that resolve.

(Their outputs are compared cell by cell by nbval, collected from notebooks/ by the same pytest run.)
"""

import ast
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
