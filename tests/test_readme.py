"""The README's code example runs and says what it claims."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_example_runs():
    code = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    history, net = namespace["history"], namespace["net"]
    assert not history.diverged and history.val_acc[-1] > 0.9
    assert net.params["W1"].shape == (2, 16)


def test_readme_gives_the_two_commands():
    assert "jupyter lab notebooks/00_index.ipynb" in README
    assert "-m pip install -r requirements-test.txt && .venv/bin/python -m pytest" in README
