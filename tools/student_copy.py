"""Copy the repository for students: every tracked file, without the worked solutions and the
teacher's guides.

    .venv/bin/python tools/student_copy.py DEST

DEST is a folder outside the repository that does not exist yet or is empty. The copy holds the files
git tracks (`git ls-files`, as they are in the working tree: changes not yet committed are copied, files
git does not track are not), except `notebooks/solutions/`. Where the repository is not a git checkout
(a downloaded archive) or git cannot list it, the folder is walked instead, leaving out `.git` and every
name `.gitignore` lists (`.venv`, `test-artifacts`, caches). Left out of the copy: `notebooks/solutions/`
and the two teacher's guides, TEACHING.md and TEACHING.zh-CN.md, which give every answer. Nothing is
rewritten: the links to them stay in place and lead nowhere in the copy. TEACHING.md says what else
changes for students.
"""

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = PurePosixPath("notebooks/solutions")
GUIDES = ("TEACHING.md", "TEACHING.zh-CN.md")
ALWAYS_SKIPPED = (".git", ".venv", "test-artifacts")


def ignored_names(source):
    """The names and patterns that a walk of `source` leaves out: ALWAYS_SKIPPED and the plain lines
    of `source/.gitignore` (comments, negations and blank lines aside, a trailing "/" dropped).
    Returns a tuple of fnmatch patterns."""
    gitignore = Path(source) / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.is_file() else []
    patterns = [line.strip().rstrip("/") for line in lines]
    return ALWAYS_SKIPPED + tuple(p for p in patterns if p and not p.startswith(("#", "!")))


def walked_files(source):
    """Every file below `source` whose path has no part matching `ignored_names(source)`, as sorted
    POSIX paths relative to `source`."""
    patterns = ignored_names(source)
    found = []
    for folder, subfolders, files in os.walk(source):
        subfolders[:] = [d for d in subfolders if not any(fnmatch.fnmatch(d, p) for p in patterns)]
        found += [Path(folder, name).relative_to(source).as_posix() for name in files
                  if not any(fnmatch.fnmatch(name, p) for p in patterns)]
    return sorted(found)


def tracked_files(source):
    """The files of `source` to copy: `git ls-files` where `source` is a git checkout and git can list
    it (files deleted from the working tree left out), else `walked_files(source)`. Returns sorted POSIX
    paths relative to `source`."""
    source = Path(source)
    if (source / ".git").exists() and shutil.which("git"):
        listing = subprocess.run(["git", "-C", str(source), "ls-files", "-z"], capture_output=True)
        if listing.returncode == 0:
            names = listing.stdout.decode("utf-8").split("\0")
            return sorted(name for name in names if name and (source / name).is_file())
        why = listing.stderr.decode("utf-8", "replace").strip()
        print(f"git ls-files failed ({why}); copying by walking the folder instead", file=sys.stderr)
    return walked_files(source)


def student_files(source):
    """`tracked_files(source)` without anything below notebooks/solutions/ and without GUIDES."""
    return [name for name in tracked_files(source)
            if name not in GUIDES and SOLUTIONS not in PurePosixPath(name).parents]


def check_destination(source, dest):
    """Raise ValueError unless `dest` is outside `source` and is either missing or an empty folder.
    Returns `dest` resolved to an absolute path."""
    source, dest = Path(source).resolve(), Path(dest).resolve()
    if dest == source or dest.is_relative_to(source):
        raise ValueError(f"DEST must be outside the repository {source}, got {dest}")
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"DEST must be a folder that does not exist yet or is empty, got the file {dest}")
    if dest.is_dir() and any(dest.iterdir()):
        raise ValueError(f"DEST must be a folder that does not exist yet or is empty, got {dest}, which "
                         "holds files already")
    return dest


def student_copy(dest, source=ROOT):
    """Copy `student_files(source)` into `dest` (see `check_destination`), byte for byte, keeping their
    modification times. Returns the list of copied POSIX paths relative to `dest`."""
    dest = check_destination(source, dest)
    names = student_files(source)
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(source) / name, target, follow_symlinks=False)
    return names


def main(argv=None):
    """Command line: `student_copy.py DEST`. Returns the exit status (0; a bad DEST exits with 2)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", metavar="DEST", type=Path,
                        help="a folder outside the repository that does not exist yet or is empty")
    dest = parser.parse_args(argv).dest
    try:
        names = student_copy(dest)
    except ValueError as error:
        parser.error(str(error))
    print(f"copied {len(names)} files to {dest.resolve()}, all but {SOLUTIONS}/ and {', '.join(GUIDES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
