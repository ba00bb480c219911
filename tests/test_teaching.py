"""The teacher's guides (TEACHING.md, TEACHING.zh-CN.md) against the notebooks and the course layer, and
tools/student_copy.py on a small fake repository and on the real tree."""

import importlib.util
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from bp_core.course import bugs, exercises  # noqa: F401  (exercises: registers every exercise)
from bp_core.course.feedback import EXERCISES
from bp_core.course.zh_cn import TEXT

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "student_copy.py"
_spec = importlib.util.spec_from_file_location("student_copy_tool", TOOL)
student_copy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_copy)


class Guide:
    """One guide: its file, its edition of the notebooks, how its notebooks state their reading time,
    the headings of its sections and the names of its table columns, and the language of its quotes."""

    def __init__(self, name, notebooks, reading_time, headings, columns, say):
        self.path, self.notebooks, self.reading_time = ROOT / name, ROOT / notebooks, reading_time
        self.headings, self.columns, self.say = headings, columns, say

    def __repr__(self):
        return self.path.name

    def section(self, key):
        """The text under the heading `key` names, up to the next heading of the same level."""
        text = self.path.read_text(encoding="utf-8")
        start = text.index("\n" + self.headings[key] + "\n")
        end = text.find("\n## ", start + 1)
        return text[start:] if end < 0 else text[start:end]


GUIDES = [
    Guide("TEACHING.md", "notebooks",
          re.compile(r"About (\d+) minutes(?:, and (\d+) more for the optional parts?)?\."),
          {"times": "## The notebooks and their reading times", "lecture": "## A 50-minute lecture",
           "lab": "## A 2-hour lab for pairs"},
          ("start", "minutes"), lambda english: english),
    Guide("TEACHING.zh-CN.md", "notebooks/zh-CN",
          re.compile(r"约 (\d+) 分钟(?:，选学部分另需 (\d+) 分钟)?。"),
          {"times": "## 笔记本与学习时长", "lecture": "## 50 分钟的讲课", "lab": "## 两小时的结对实验课"},
          ("开始", "分钟"), TEXT.__getitem__),
]
TIME_ROW = re.compile(r"^\| (\d\d) \| \[[^\]]+\]\(([^)]+)\) \| (\d+) \| (\d+|—) \|", re.M)


def stated_time(guide, notebook):
    """(minutes, optional minutes or None) as the notebook's first cell states them, or None."""
    first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    found = guide.reading_time.search(first)
    return None if found is None else (int(found[1]), None if found[2] is None else int(found[2]))


@pytest.mark.parametrize("guide", GUIDES, ids=repr)
def test_the_reading_times_are_those_the_notebooks_state(guide):
    rows = TIME_ROW.findall(guide.section("times"))
    notebooks = sorted(guide.notebooks.glob("[0-9][0-9]_*.ipynb"))
    timed = {p.name: stated_time(guide, p) for p in notebooks if p.name != "00_index.ipynb"}
    assert None not in timed.values(), f"a notebook without a reading time: {timed}"
    in_guide = {}
    for number, link, minutes, optional in rows:
        path = (ROOT / unquote(link)).resolve()
        assert path.parent == guide.notebooks, f"{link}: a notebook of the other edition"
        assert path.name.startswith(number + "_"), f"row {number} links {link}"
        in_guide[path.name] = (int(minutes), None if optional == "—" else int(optional))
    assert in_guide == timed


@pytest.mark.parametrize("guide", GUIDES, ids=repr)
def test_every_exercise_id_is_in_the_guide(guide):
    text = guide.path.read_text(encoding="utf-8")
    assert len(EXERCISES) == 26
    assert [eid for eid in EXERCISES if f"`{eid}`" not in text] == []


@pytest.mark.parametrize("guide", GUIDES, ids=repr)
def test_the_guide_quotes_every_diagnosis_nudge_and_hint_as_students_see_them(guide):
    text = " ".join(guide.path.read_text(encoding="utf-8").split())  # as wrapped lines render
    said = [guide.say(m.says) for ex in EXERCISES.values() for m in ex.mistakes]
    said += [guide.say(line) for ex in EXERCISES.values() for line in (ex.nudge, ex.hint) if line]
    said += [guide.say(bug.evidence) for bug in bugs.BUGS.values()]
    said += [guide.say(description) for description in bugs.DESCRIPTIONS.values()]
    assert len(said) > 100
    assert [line for line in said if " ".join(line.split()) not in text] == []


def plan(guide, key):
    """The rows of the first table under section `key`: (start in minutes, minutes) per row."""
    section = guide.section(key).splitlines()
    first = next(k for k, line in enumerate(section) if line.startswith("|"))
    lines = list(itertools.takewhile(lambda line: line.startswith("|"), section[first:]))
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    start, minutes = (header.index(name) for name in guide.columns)
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    clock = [row[start].split(":") for row in rows]
    return [(60 * int(hours) + int(mins), int(row[minutes])) for (hours, mins), row in zip(clock, rows,
                                                                                        strict=True)]


@pytest.mark.parametrize("guide", GUIDES, ids=repr)
@pytest.mark.parametrize(("key", "total"), [("lecture", 50), ("lab", 120)])
def test_the_lecture_and_the_lab_fill_their_time_step_after_step(guide, key, total):
    rows = plan(guide, key)
    assert len(rows) >= 5
    assert sum(minutes for _, minutes in rows) == total
    starts = [start for start, _ in rows]
    assert starts == [sum(minutes for _, minutes in rows[:k]) for k in range(len(rows))]


@pytest.mark.parametrize("guide", GUIDES, ids=repr)
def test_every_relative_link_resolves(guide):
    targets = re.findall(r"\]\(([^)\s]+)\)", guide.path.read_text(encoding="utf-8"))
    relative = [unquote(t.split("#")[0]) for t in targets if not t.startswith(("http://", "https://"))]
    assert len(relative) >= 12
    assert [t for t in relative if not t or not (ROOT / t).exists()] == []


DOCS = ["README.md", "README.zh-CN.md", "TEACHING.md", "TEACHING.zh-CN.md"]


def anchors(path):
    """The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, spaces as
    hyphens, a repeated one numbered (-1, -2, …)."""
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    seen, found = {}, set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return found


def test_anchors_are_what_github_makes_of_headings():
    assert {"lecture-mode", "bp_core-in-a-few-lines", "简体中文版-the-chinese-edition"} <= anchors(
        ROOT / "README.md")


@pytest.mark.parametrize("name", DOCS)
def test_every_link_to_a_section_finds_its_heading(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s:]*\.md)?#([^)\s]+)\)", text)
    assert links, f"{name} links to no section"
    missing = [f"{target or name}#{anchor}" for target, anchor in links
               if unquote(anchor) not in anchors(ROOT / (target or name))]
    assert missing == []


# ---- tools/student_copy.py ----


def write_files(root, names):
    """Create each of `names` below `root`, holding its own name."""
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def copied(dest):
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())


KEPT = ["README.md", "TEACHINGS.md", "bp_core/course/exercises.py", "notebooks/01_x.ipynb",
        "notebooks/zh-CN/01_x.ipynb", "notebooks/zh-CN/solutions.md", "notebooks/solutions.txt"]
LEFT_OUT = ["TEACHING.md", "TEACHING.zh-CN.md", "notebooks/solutions/01_x.py",
            "notebooks/solutions/deeper/02_x.py"]
NOT_TRACKED = ["untracked.txt", ".venv/lib/site.py", "test-artifacts/shot.png", "notebooks/__pycache__/x.pyc"]


@pytest.fixture
def fake_repo(tmp_path):
    """A git repository with files to keep, files to leave out and files git does not track."""
    repo = tmp_path / "repo"
    write_files(repo, KEPT + LEFT_OUT)
    (repo / ".gitignore").write_text(".venv/\n__pycache__/\n# a comment\ntest-artifacts/\n", encoding="utf-8")
    git(repo.parent, "init", "-q", str(repo))
    git(repo, "add", ".")
    write_files(repo, NOT_TRACKED)
    return repo


def test_a_copy_of_a_git_repository_holds_its_tracked_files_but_the_solutions_and_guides(fake_repo, tmp_path):
    dest = tmp_path / "students"
    names = student_copy.student_copy(dest, source=fake_repo)
    assert names == sorted([".gitignore", *KEPT])
    assert copied(dest) == names
    assert all((dest / n).read_bytes() == (fake_repo / n).read_bytes() for n in names)


def test_a_copy_of_a_folder_without_git_walks_it_and_skips_git_venv_caches_and_artifacts(fake_repo, tmp_path):
    plain = tmp_path / "plain"
    write_files(plain, KEPT + LEFT_OUT + NOT_TRACKED + [".git/HEAD"])
    (plain / ".gitignore").write_bytes((fake_repo / ".gitignore").read_bytes())
    dest = tmp_path / "students"
    assert student_copy.student_copy(dest, source=plain) == sorted([".gitignore", "untracked.txt", *KEPT])
    assert copied(dest) == sorted([".gitignore", "untracked.txt", *KEPT])


def test_an_empty_existing_destination_is_fine(fake_repo, tmp_path):
    dest = tmp_path / "empty"
    dest.mkdir()
    assert "README.md" in student_copy.student_copy(dest, source=fake_repo)


@pytest.mark.parametrize("where", ["repo", "repo/notebooks", "repo/new/folder", "full", "a_file"])
def test_a_bad_destination_is_refused_and_nothing_is_copied(fake_repo, tmp_path, where):
    write_files(tmp_path, ["full/something.txt", "a_file"])
    dest = tmp_path / where
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ValueError, match=r"^DEST must be "):
        student_copy.student_copy(dest, source=fake_repo)
    assert sorted(tmp_path.rglob("*")) == before


def test_the_command_copies_the_real_tree_without_its_solutions(tmp_path):
    dest = tmp_path / "students"
    done = subprocess.run([sys.executable, str(TOOL), str(dest)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True, capture_output=True)
    tracked = [n for n in listed.stdout.decode("utf-8").split("\0") if n and (ROOT / n).is_file()]
    expected = sorted(n for n in tracked if not n.startswith("notebooks/solutions/")
                      and n not in ("TEACHING.md", "TEACHING.zh-CN.md"))
    assert any(n.startswith("notebooks/solutions/") for n in tracked)
    assert copied(dest) == expected
    assert all((dest / n).read_bytes() == (ROOT / n).read_bytes() for n in expected)
    assert f"copied {len(expected)} files" in done.stdout


def test_the_command_refuses_a_destination_inside_the_repository():
    done = subprocess.run([sys.executable, str(TOOL), str(ROOT / "notebooks" / "copy")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "DEST must be outside the repository" in done.stderr
    assert not (ROOT / "notebooks" / "copy").exists()
