"""The Chinese edition, notebooks/zh-CN/: built from the English notebooks and their translations, never
stale.

tools/zh_cn.py holds the checks; these tests run them on every notebook and prove that they fail when
they should (on copies, never on the real files).
"""

import importlib.util
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHINESE = ROOT / "notebooks" / "zh-CN"
_spec = importlib.util.spec_from_file_location("zh_cn_tool", ROOT / "tools" / "zh_cn.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)
# A computed number as the notebooks print it: 0.2350, -3.0e-03, 1.6e-08 (whole numbers such as step
# counts may be written out in words in a sentence, so they are not compared).
NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def read(path):
    return nbformat.read(path, as_version=4)


def chinese(path):
    return CHINESE / path.name


def test_every_english_notebook_has_its_chinese_edition():
    assert ENGLISH, "no notebooks"
    assert sorted(p.name for p in CHINESE.glob("[0-9][0-9]_*.ipynb")) == [p.name for p in ENGLISH]
    assert sorted(p.stem for p in (CHINESE / "translations").glob("*.md")) == [p.stem for p in ENGLISH]


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_every_translation_is_up_to_date(path):
    """Every cell translated (or marked as code to keep), against the English cell as it is now, using the
    glossary's terms; the message names the notebook and the cell."""
    assert tool.problems(path) == []


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_the_stored_notebook_is_the_build_of_its_translations(path):
    """Same cells, in the same order, of the same types, with the same ids and metadata (tags, nbval
    markers) as the English notebook, and the translated sources: nobody edits notebooks/zh-CN by hand."""
    built, stored = tool.build(path), read(chinese(path))
    assert [(c.id, c.cell_type, c.metadata) for c in stored.cells] == \
        [(c.id, c.cell_type, c.metadata) for c in read(path).cells]
    pairs = zip(built.cells, stored.cells, strict=True)
    changed = [i for i, (a, b) in enumerate(pairs) if a.source != b.source]
    assert not changed, f"{path.name}: cells {changed} differ from their translations: run tools/zh_cn.py"


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_code_differs_only_in_strings_and_comments(path):
    for index, (en, zh) in enumerate(zip(read(path).cells, read(chinese(path)).cells, strict=True)):
        if en.cell_type == "code":
            same = tool.code_skeleton(zh.source) == tool.code_skeleton(en.source)
            assert same, f"{path.name}, cell {index}"


@pytest.mark.parametrize("path", [p for p in ENGLISH if p.stem != "00_index"], ids=lambda p: p.stem)
def test_the_setup_cell_chooses_the_edition_language(path):
    def setup(nb):
        return next(c.source for c in nb.cells if c.cell_type == "code")

    assert 'set_language("en")' in setup(read(path))
    assert 'set_language("zh-CN")' in setup(read(chinese(path)))


def printed_numbers(cell):
    texts = [o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
             for o in cell.get("outputs", [])]
    return sorted(NUMBER.findall("".join(texts)))


def timed(cell):
    """Whether the cell's output is a measurement nbval does not compare (it changes every run)."""
    return "NBVAL_IGNORE_OUTPUT" in cell.source or "nbval-ignore-output" in cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_both_editions_print_the_same_numbers(path):
    for index, (en, zh) in enumerate(zip(read(path).cells, read(chinese(path)).cells, strict=True)):
        if en.cell_type == "code" and not timed(en):
            assert printed_numbers(zh) == printed_numbers(en), f"{path.name}, cell {index}"


@pytest.fixture
def copy_of_01(tmp_path):
    """notebooks/01_chain_rule.ipynb copied to tmp_path, with the real translation blocks."""
    source = ROOT / "notebooks" / "01_chain_rule.ipynb"
    target = tmp_path / source.name
    shutil.copy(source, target)
    return target, tool.read_blocks(tool.translation_path(source))


def test_a_changed_english_cell_is_named_with_its_notebook(copy_of_01):
    path, blocks = copy_of_01
    assert tool.problems(path, blocks) == []
    nb = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown" and i > 2)
    nb["cells"][index]["source"] = "".join(nb["cells"][index]["source"]) + " One more sentence."
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = tool.problems(path, blocks)
    assert len(found) == 1
    assert found[0].startswith(f"01_chain_rule.ipynb, cell {index} (markdown, id {nb['cells'][index]['id']})")
    assert "changed since it was translated" in found[0]


def test_a_new_english_cell_and_a_removed_one_are_named(copy_of_01):
    path, blocks = copy_of_01
    nb = read(path)
    removed = nb.cells.pop(3)
    nb.cells.insert(5, nbformat.v4.new_markdown_cell("A new paragraph.", id="fresh001"))
    nbformat.write(nb, path)
    found = tool.problems(path, blocks)
    assert "01_chain_rule.ipynb, cell 5 (markdown, id fresh001): no translation" in found
    assert f"01_chain_rule.ipynb: a translation of cell {removed.id}, which the English notebook no longer " \
        "has" in found


def test_translated_code_may_change_strings_and_comments_only():
    english = 'print(f"slope = {s:.4f}")  # the slope\nanswer("chain_rule.dL_dw", my_answer)\n'
    translated = 'print(f"斜率 = {s:.4f}")  # 斜率\nanswer("chain_rule.dL_dw", my_answer)\n'
    assert tool.code_skeleton(translated) == tool.code_skeleton(english)
    assert tool.code_skeleton(english.replace("my_answer", "None")) != tool.code_skeleton(english)
    assert tool.code_skeleton(english.replace("print", "display")) != tool.code_skeleton(english)


def test_bold_that_jupyterlab_would_not_close_is_found():
    line = "**你将学到：**把链式法则用到计算图上"
    assert tool.unclosed_emphasis(line) == [line]
    assert tool.unclosed_emphasis("中间**（注意）**这里") != []
    for fine in ["**你将学到：** 把", "**练习 1**：写出", "**你已经知道：**$x$ 上", "*关于 $b$ 的符号*。有些",
                 "**You know:** what", "- **bold** item", "`a ** b` and 2 * 3", "```\n**x：**y\n```",
                 "$$\n**x：**y\n$$", "$$ a*b $$ 文"]:
        assert tool.unclosed_emphasis(fine) == [], fine


def test_the_glossary_check_finds_a_variant_and_a_missing_term(copy_of_01):
    path, blocks = copy_of_01
    nb = tool.build(path)
    assert tool.term_problems(path, nb) == []
    for cell in nb.cells:
        cell.source = cell.source.replace("链式法则", "链式规则")
    found = tool.term_problems(path, nb)
    assert "01_chain_rule.ipynb: '链式规则' where the glossary says '链式法则'" in found
    missing = "01_chain_rule.ipynb: the English uses 'chain rule', the Chinese none of 链式法则"
    assert any(p.startswith(missing) for p in found)


def test_the_glossary_has_every_term_the_chinese_edition_must_use():
    names = {name for _, chinese_names, _ in tool.glossary() for name in chinese_names}
    assert len(tool.glossary()) >= 75
    assert {"反向传播", "链式法则", "学习率", "梯度检验", "小批量", "过拟合", "计算图"} <= names
    assert not set(tool.VARIANTS) & names, "a variant the check refuses is a glossary name"
    assert set(tool.VARIANTS.values()) <= names
