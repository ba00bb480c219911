"""Re-execute notebooks in place, top to bottom in a fresh kernel, and store them with their outputs.

    .venv/bin/python tools/run_notebooks.py                    # every notebook of both editions
    .venv/bin/python tools/run_notebooks.py notebooks/03_*.ipynb

Each notebook runs in its own folder with this environment's python3 kernel (as nbval runs it), exactly
as "Restart Kernel and Run All Cells" does. A cell that raises stops the run and nothing is written.
"""

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(path, timeout=600):
    """Execute the notebook at `path` and write it back; returns the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False, record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="default: notebooks/NN_*.ipynb and notebooks/*/NN_*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(p for p in ROOT.glob("notebooks/**/[0-9][0-9]_*.ipynb")
                                     if not any(part.startswith(".") for part in p.parts))
    for path in paths:
        print(f"{path.resolve().relative_to(ROOT)}: {run(path.resolve()):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
