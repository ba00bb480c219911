"""The Chinese edition, built from the English notebooks and their translations, never stale.

    .venv/bin/python tools/zh_cn.py              # rebuild notebooks/zh-CN/*.ipynb and re-execute them
    .venv/bin/python tools/zh_cn.py --check      # list every translation that is missing or stale
    .venv/bin/python tools/zh_cn.py --only 03    # the same for notebooks/03_*.ipynb alone
    .venv/bin/python tools/zh_cn.py --todo NN    # add a block, marked todo, for every untranslated cell of NN

The English notebooks are the source. notebooks/zh-CN/translations/NN_name.md holds, for every cell of
notebooks/NN_name.ipynb and in its order, a block

    <!-- cell 3f2a9c1b · markdown · en 5d41402abc4b · translated -->
    the cell's text in Chinese

headed by the English cell's id, its type, the first 12 hex digits of the SHA-256 of its English source,
and a status: `translated`, `same` (a code cell with nothing to translate: the English source is used)
or `todo` (not translated yet). When an English cell changes, its hash no longer matches and the check
names the notebook and the cell: a translator updates the text and the hash (`--todo` writes the new
hash into a todo block with the English text, ready to translate). A build refuses stale or missing
translations. The Chinese notebook gets the English cells' ids, types and metadata (tags, nbval
markers), so both editions have the same cells in the same order; a code cell differs only in its
string literals and comments.
"""

import argparse
import hashlib
import io
import re
import sys
import tokenize
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "notebooks"
CHINESE = ENGLISH / "zh-CN"
TRANSLATIONS = CHINESE / "translations"
HEADER = re.compile(r"^<!-- cell (\S+) · (markdown|code) · en ([0-9a-f]{12}) · (translated|same|todo) -->$",
                    re.M)
STATUSES = ("translated", "same", "todo")
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Block:
    cell_id: str
    cell_type: str
    en_hash: str
    status: str
    text: str


def en_hash(source):
    """The first 12 hex digits of the SHA-256 of an English cell's source."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def english_notebooks():
    return sorted(ENGLISH.glob("[0-9][0-9]_*.ipynb"))


def translation_path(notebook):
    return TRANSLATIONS / f"{Path(notebook).stem}.md"


def read_blocks(path):
    """{cell id: Block} of a translation file (empty when the file does not exist)."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    heads = list(HEADER.finditer(text))
    blocks = {}
    for head, following in zip(heads, [*heads[1:], None], strict=True):
        body = text[head.end():following.start() if following else len(text)]
        blocks[head.group(1)] = Block(*head.groups(), body.strip("\n"))
    return blocks


def write_blocks(path, blocks):
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = [f"<!-- cell {b.cell_id} · {b.cell_type} · en {b.en_hash} · {b.status} -->\n{b.text}\n"
             for b in blocks]
    path.write_text("\n".join(parts), encoding="utf-8")


GLOSSARY_ROW = re.compile(r"^\| ([^|]+) \| ([^|]+) \| (\d\d) \|$", re.M)
# Names a Chinese text may use for a glossary term but this edition does not: the glossary's name instead.
VARIANTS = {"反向传递": "反向传播", "后向传播": "反向传播", "逆传播": "反向传播",
            "学习速率": "学习率", "小批次": "小批量", "迷你批": "小批量", "过度拟合": "过拟合",
            "梯度校验": "梯度检验", "激励函数": "激活函数", "计算图形": "计算图", "权值": "权重",
            "隐层": "隐藏层", "独热码": "独热编码", "损耗": "损失", "链式规则": "链式法则",
            "链导法则": "链式法则", "数值导数": "数值梯度"}


def markdown_text(nb):
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def glossary():
    """[(English names, Chinese names, first in)] of the glossary in notebooks/00_index.ipynb: "kink (a
    corner of ReLU at 0)" is named "kink"; "提前停止 / 早停" and "sigmoid 函数（S 型函数）" give two names."""
    rows = GLOSSARY_ROW.findall(markdown_text(nbformat.read(ENGLISH / "00_index.ipynb", as_version=4)))
    entries = []
    for english, chinese, first in rows:
        english_names = [n.strip() for n in re.sub(r"\s*\(.*?\)|\s*\$.*?\$|\s*⊙", "", english).split(", ")]
        chinese_names = [n.strip() for n in re.split(r"[，/（）]", chinese) if n.strip()]
        entries.append((english_names, chinese_names, int(first)))
    return entries


def term_problems(notebook, translated):
    """Where the Chinese notebook `translated` (a NotebookNode) leaves the glossary: a term the English
    notebook uses (from the notebook the glossary names on) with none of its Chinese names, or a variant
    name the glossary does not use."""
    number = int(Path(notebook).name[:2])
    english = markdown_text(nbformat.read(notebook, as_version=4))
    chinese = markdown_text(translated)
    found = []
    for english_names, chinese_names, first in glossary():
        used = [n for n in english_names
                if number >= first and re.search(rf"\b{re.escape(n)}", english, re.I)]
        if used and not any(n in chinese for n in chinese_names):
            found.append(f"{Path(notebook).name}: the English uses {used[0]!r}, the Chinese none of "
                         f"{' / '.join(chinese_names)} (the glossary's terms)")
    found += [f"{Path(notebook).name}: {variant!r} where the glossary says {term!r}"
              for variant, term in VARIANTS.items() if variant in chinese]
    return found


def _punctuation(char):
    return unicodedata.category(char)[0] in "PS"


def _flanking(first, then):
    """Whether a run of * between the characters `first` and `then` may open emphasis (read forwards) or
    close it (called with the two swapped): CommonMark's left- and right-flanking rule."""
    return not then.isspace() and (not _punctuation(then) or first.isspace() or _punctuation(first))


def unclosed_emphasis(markdown):
    """The lines of `markdown` where a ** or * would show as asterisks in JupyterLab (CommonMark): an opener
    followed by punctuation after a letter, or a closer after punctuation before a letter, as in
    "**你将学到：**把" (write "**你将学到：** 把" or "**你将学到**：把")."""
    bad = []
    in_code = in_math = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif not in_code and line.count("$$") % 2:
            in_math = not in_math
        if in_code or in_math or "$$" in line or line.lstrip().startswith("```"):
            continue
        # JupyterLab sets math aside before it parses markdown, leaving "@@0@@" (punctuation) in its place;
        # asterisks inside `code` are literal
        text = re.sub(r"^\s*[*-] ", "", re.sub(r"\$[^$]*\$", "@@0@@", re.sub(r"`[^`]*`", "`c`", line)))
        opened = {}
        for run in re.finditer(r"\*+", text):
            before = text[run.start() - 1] if run.start() else " "
            after = text[run.end()] if run.end() < len(text) else " "
            left, right = _flanking(before, after), _flanking(after, before)
            closing = opened.get(len(run.group()), False)
            if (right if closing else left):
                opened[len(run.group())] = not closing
            elif left or right:  # meant to open (or close) here, but CommonMark reads it as the other kind
                bad.append(line)
                break
    return bad


def code_skeleton(source):
    """The tokens of a code cell without its string literals, comments and line breaks inside brackets:
    what a translation of the cell must leave unchanged. (IPython's %magic and !shell lines tokenize too.)"""
    # From Python 3.12 on, an f-string is several tokens; its text (FSTRING_MIDDLE) is a string literal too
    skipped = {tokenize.STRING, tokenize.COMMENT, tokenize.NL,
               getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return [(t.type, t.string) for t in tokens if t.type not in skipped]
    except (tokenize.TokenError, SyntaxError) as error:
        return [("unreadable", str(error))]


def problems(notebook, blocks=None):
    """What keeps the Chinese edition of `notebook` from being up to date: a list of sentences, each
    naming the notebook and the cell."""
    nb = nbformat.read(notebook, as_version=4)
    blocks = read_blocks(translation_path(notebook)) if blocks is None else blocks
    found = []
    for index, cell in enumerate(nb.cells):
        where = f"{Path(notebook).name}, cell {index} ({cell.cell_type}, id {cell.id})"
        block = blocks.get(cell.id)
        if block is None:
            found.append(f"{where}: no translation")
        elif block.en_hash != en_hash(cell.source):
            found.append(f"{where}: the English cell changed since it was translated (hash {block.en_hash}, "
                         f"now {en_hash(cell.source)}): update the translation and its hash")
        elif block.status == "todo":
            found.append(f"{where}: not translated yet (todo)")
        elif block.cell_type != cell.cell_type or (block.status == "same" and cell.cell_type != "code"):
            found.append(f"{where}: the block says {block.cell_type}/{block.status}")
        elif cell.cell_type == "markdown" and not CJK.search(block.text):
            found.append(f"{where}: the translation has no Chinese in it")
        elif cell.cell_type == "markdown" and unclosed_emphasis(block.text):
            line = unclosed_emphasis(block.text)[0]
            found.append(f"{where}: JupyterLab would show the asterisks of ** or * in {line[:60]!r}: "
                         "punctuation next to the inner side of a marker needs a space (or a letter) "
                         "on its outer side")
        elif (cell.cell_type == "code" and block.status == "translated"
              and code_skeleton(block.text) != code_skeleton(cell.source)):
            found.append(f"{where}: the translated code differs from the English in more than its strings "
                         "and comments")
    if not found:
        found += term_problems(notebook, build(notebook))
    extra = set(blocks) - {cell.id for cell in nb.cells}
    found += [f"{Path(notebook).name}: a translation of cell {i}, which the English notebook no longer has"
              for i in sorted(extra)]
    return found


def build(notebook):
    """The Chinese notebook of `notebook` (a NotebookNode, outputs cleared), from its translations."""
    nb = nbformat.read(notebook, as_version=4)
    blocks = read_blocks(translation_path(notebook))
    for cell in nb.cells:
        block = blocks[cell.id]
        if block.status == "translated":
            cell.source = block.text
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def add_todo(notebook):
    """Add a todo block with the English text for every cell without an up-to-date translation, keeping
    the order of the English cells; return how many were added."""
    nb = nbformat.read(notebook, as_version=4)
    path = translation_path(notebook)
    blocks = read_blocks(path)
    added, ordered = 0, []
    for cell in nb.cells:
        block = blocks.get(cell.id)
        if block is None or block.en_hash != en_hash(cell.source):
            old = (f"\n\n<!-- the translation before the English cell changed:\n{block.text}\n-->"
                   if block else "")
            block = Block(cell.id, cell.cell_type, en_hash(cell.source), "todo", cell.source + old)
            added += 1
        ordered.append(block)
    write_blocks(path, ordered)
    return added


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="list missing or stale translations")
    parser.add_argument("--todo", metavar="NN", help="add todo blocks for the notebook NN_*.ipynb")
    parser.add_argument("--only", metavar="NN", help="check, build and run only the notebook NN_*.ipynb")
    parser.add_argument("--no-run", action="store_true", help="build without executing")
    args = parser.parse_args(argv)
    if args.todo:
        (notebook,) = ENGLISH.glob(f"{args.todo}_*.ipynb")
        print(f"{translation_path(notebook).relative_to(ROOT)}: {add_todo(notebook)} todo blocks")
        return 0
    notebooks = sorted(ENGLISH.glob(f"{args.only}_*.ipynb")) if args.only else english_notebooks()
    found = [p for notebook in notebooks for p in problems(notebook)]
    if found or args.check:
        print("\n".join(found) or "every translation is up to date")
        return 1 if found else 0
    from run_notebooks import run  # noqa: PLC0415  (executing needs a kernel; --check does not)

    for notebook in notebooks:
        target = CHINESE / notebook.name
        nbformat.write(build(notebook), target)
        seconds = 0.0 if args.no_run else run(target)
        done = "" if args.no_run else f", executed in {seconds:.1f} s"
        print(f"{target.relative_to(ROOT)}: built{done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
