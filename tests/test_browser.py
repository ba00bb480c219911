"""Every notebook, opened in real JupyterLab in headless Chromium: Restart Kernel and Run All Cells
must finish with no error output, and the first slider panel must react to the keyboard.

Needs Debian's chromium (`apt-get install chromium`, or BP_CHROMIUM=/path/to/chrome) and the
playwright package from requirements-test.txt. Without them these tests are skipped, except when the
environment variable CI is set, where that is a failure. Screenshots go to test-artifacts/screenshots/.

Slider panels (bp_core.course.widgets) follow one DOM contract: a `.bp-panel` box holding `.widget-slider`
sliders, an `img` re-rendered on each change, and a `.bp-status` text reading `name = value` for every
slider, with the value written exactly as the slider's readout shows it. Steppers: a `.bp-stepper` box
holding four `.bp-step-button` buttons (Back, Next, Play, Reset), its `img` and a `.bp-status` text that
starts with "step k / n". Every stepper of a notebook is clicked (Next, a few times); the time from the
click to the new picture is measured in the page (a MutationObserver on the image, performance.now()).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# BP_BROWSER_NOTEBOOKS: another glob under the repository root, e.g. to try a draft notebook.
NOTEBOOKS = sorted(ROOT.glob(os.environ.get("BP_BROWSER_NOTEBOOKS", "notebooks/[0-9][0-9]_*.ipynb")))
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SELFCHECK = ROOT / "test-artifacts" / "selfcheck"

LOAD_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000
SLIDER_TIMEOUT_MS = 15_000

pytestmark = pytest.mark.browser

# Marks the run as started when a prompt shows [*] or the kernel leaves Idle, so that prompts
# left over from the stored outputs are not mistaken for a finished run.
WATCH_RUN_JS = """() => {
  window.__bpRunStarted = false;
  const seen = () => {
    const busyPrompt = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .some(p => p.textContent.includes('*'));
    const status = [...document.querySelectorAll('.jp-StatusBar-Widget')]
      .map(e => e.textContent).join(' ');
    if (busyPrompt || /\\|\\s*(Busy|Restarting|Starting|Unknown)/.test(status)) window.__bpRunStarted = true;
  };
  window.__bpRunObserver = new MutationObserver(seen);
  window.__bpRunObserver.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""

KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-Widget')]
  .some(e => /\\|\\s*Idle/.test(e.textContent))"""

# Done when the run has started, the kernel is idle again and no prompt shows [*] (after an
# error, Run All leaves the remaining cells unrun with a "[ ]:" prompt).
RUN_DONE_JS = """() => {
  const idle = [...document.querySelectorAll('.jp-StatusBar-Widget')]
    .some(e => /\\|\\s*Idle/.test(e.textContent));
  const busyPrompt = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some(p => p.textContent.includes('*'));
  return window.__bpRunStarted && idle && !busyPrompt;
}"""

# Outputs that may signal a problem. JupyterLab 4.6 renders both exceptions (output_type "error")
# and stderr streams as `.jp-OutputArea-output.jp-RenderedText` with data-mime-type
# "application/vnd.jupyter.stderr"; is_problem() then looks at the text.
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
OUTPUT_PROBLEMS_JS = """() => [...document.querySelectorAll('.jp-CodeCell')].flatMap((cell, i) =>
  [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(o => ({cell: i, text: o.innerText}))
)"""

PROMPTS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(
  c => (c.querySelector('.jp-InputPrompt') || {textContent: ''}).textContent.trim())"""


def code_cells(path: Path) -> list[str]:
    """Source of every code cell in the stored notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    sources = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            sources.append("".join(src) if isinstance(src, list) else src)
    return sources


def is_problem(text: str) -> bool:
    """An error output, or a stderr stream carrying a traceback or a warning (none may reach stderr)."""
    return bool(re.search(r"Traceback|Error\b|Warning\b|Exception\b", text))


def open_notebook(page, server, relpath: str) -> None:
    page.goto(f"{server.url}/lab/tree/{relpath}?reset&token={server.token}", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
    deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
    while not page.evaluate(KERNEL_IDLE_JS):
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            pytest.fail(f"a dialog appeared while opening {relpath}: {dialog.first.inner_text()!r}")
        if time.monotonic() > deadline:
            pytest.fail(f"the kernel of {relpath} was not idle within {LOAD_TIMEOUT_MS / 1000:.0f} s")
        page.wait_for_timeout(100)
    # Collapse the file browser: the screenshots then show the notebook at full width.
    current_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current_tab.count():
        current_tab.first.click()


def restart_and_run_all(page) -> None:
    page.evaluate(WATCH_RUN_JS)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    page.locator("li[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    try:
        page.wait_for_function(RUN_DONE_JS, timeout=RUN_TIMEOUT_MS, polling=100)
    except Exception as exc:
        status = page.locator(".jp-StatusBar-Widget", has_text="|").first.inner_text()
        pytest.fail(
            f"Run All did not finish within {RUN_TIMEOUT_MS / 1000:.0f} s (kernel status {status!r}, "
            f"prompts {page.evaluate(PROMPTS_JS)}): {exc}",
            pytrace=False,
        )


def assert_ran_cleanly(page, path: Path) -> None:
    problems = [p for p in page.evaluate(OUTPUT_PROBLEMS_JS) if is_problem(p["text"])]
    if problems:
        first = problems[0]
        pytest.fail(
            f"{path.name}: {len(problems)} error/warning output(s); code cell {first['cell'] + 1} shows:\n"
            f"{first['text'][-3000:]}",
            pytrace=False,
        )
    sources = code_cells(path)
    prompts = page.evaluate(PROMPTS_JS)
    assert len(prompts) == len(sources), (
        f"JupyterLab shows {len(prompts)} code cells, the file has {len(sources)}"
    )
    not_run = [
        f"cell {i + 1}: prompt {prompt!r}"
        for i, (src, prompt) in enumerate(zip(sources, prompts, strict=True))
        if src.strip() and not re.fullmatch(r"\[\d+\]:", prompt)
    ]
    assert not not_run, f"{path.name}: code cells without an execution count after Run All: {not_run}"


def move_first_slider(page, shot_path: Path) -> float | None:
    """Press ArrowRight on the first panel's first slider and wait for the status and image to follow.

    Returns the seconds from key press to updated status + image, or None without a panel.
    """
    panels = page.locator(".bp-panel")
    if panels.count() == 0:
        return None
    panel = panels.first
    slider = panel.locator(".widget-slider").first
    panel.evaluate("e => e.scrollIntoView({block: 'start'})")
    slider.wait_for(state="visible", timeout=SLIDER_TIMEOUT_MS)
    name = slider.locator(".widget-label").first.inner_text().strip()
    readout = slider.locator(".widget-readout").first
    image = panel.locator("img").first
    before_value = readout.inner_text().strip()
    before_src = image.get_attribute("src")
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    start = time.monotonic()
    handle.press("ArrowRight")
    if readout.inner_text().strip() == before_value:  # already at the maximum
        handle.press("ArrowLeft")
    value = readout.inner_text().strip()
    assert value != before_value, f"slider {name!r} did not move with the arrow keys (readout {value!r})"
    # The readout (d3-format in the browser) writes negatives with U+2212, Python with "-".
    expected = f"{name} = {value}".replace("\u2212", "-")
    status = panel.locator(".bp-status").first
    try:
        page.wait_for_function(
            """([status, img, expected, oldSrc]) =>
                 status.innerText.replaceAll('\u2212', '-').includes(expected)
                 && img.getAttribute('src') !== oldSrc""",
            arg=[status.element_handle(), image.element_handle(), expected, before_src],
            timeout=SLIDER_TIMEOUT_MS,
            polling=50,
        )
    except Exception as exc:  # a timeout: say what the page shows instead
        if "\u26a0" in status.inner_text():  # bp_core.widgets.Panel shows a failed update with ⚠
            pytest.fail(f"moving slider {name!r} raised in the kernel: {status.inner_text()}", pytrace=False)
        pytest.fail(
            f"after moving slider {name!r} to {value!r} the panel status did not show {expected!r} "
            f"with a new image within {SLIDER_TIMEOUT_MS / 1000:.0f} s; status reads "
            f"{status.inner_text()!r}, image changed: {image.get_attribute('src') != before_src} ({exc})",
            pytrace=False,
        )
    elapsed = time.monotonic() - start
    panel.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=shot_path)
    return elapsed


# Click Next `clicks` times (each after the previous picture arrived); ms from click to new picture.
STEP_JS = """async (stepper, clicks) => {
  const img = stepper.querySelector('img');
  const next = [...stepper.querySelectorAll('button.bp-step-button')]
    .find(b => ['Next', '下一步'].includes(b.innerText.trim()));
  const times = [];
  for (let i = 0; i < clicks; i++) {
    const before = img.getAttribute('src');
    times.push(await new Promise((resolve, reject) => {
      let t0 = 0;
      const observer = new MutationObserver(() => {
        if (img.getAttribute('src') !== before) {
          clearTimeout(timer); observer.disconnect(); resolve(performance.now() - t0);
        }
      });
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no new picture')); }, 15000);
      observer.observe(img, {attributes: true, attributeFilter: ['src']});
      t0 = performance.now();
      next.click();
    }));
  }
  return times;
}"""
STEP_CLICKS = 6


def click_through_steppers(page, shot_path: Path) -> list[float]:
    """Click Next STEP_CLICKS times in every stepper; check each status follows; return the latencies
    (ms, click → new picture) of every click."""
    latencies = []
    steppers = page.locator(".bp-stepper")
    for i in range(steppers.count()):
        stepper = steppers.nth(i)
        stepper.evaluate("e => e.scrollIntoView({block: 'start'})")
        labels = [b.inner_text().strip() for b in stepper.locator(".bp-step-button").all()]
        assert labels in (["Back", "Next", "Play", "Reset"], ["上一步", "下一步", "播放", "重置"]), labels
        status = stepper.locator(".bp-status").first
        before = status.inner_text()
        assert re.match(r"(step|步骤) 0 / \d+", before), before
        try:
            latencies += stepper.evaluate(STEP_JS, STEP_CLICKS)
        except Exception as exc:
            pytest.fail(f"stepper {i + 1}: Next did not bring a new picture ({exc}); "
                        f"status {status.inner_text()!r}", pytrace=False)
        page.wait_for_function("([s, k]) => new RegExp(`^(step|步骤) ${k} / `).test(s.innerText)",
                               arg=[status.element_handle(), STEP_CLICKS], timeout=SLIDER_TIMEOUT_MS)
        page.screenshot(path=shot_path.with_name(f"{shot_path.stem}-{i + 1}.png"))
    return latencies


def exercise_notebook(page, server, path: Path, report, screenshots: Path = SCREENSHOTS) -> None:
    """Open, Restart Kernel and Run All Cells, check the outputs, move a slider; screenshots + timings."""
    relpath = path.relative_to(ROOT).as_posix()
    screenshots.mkdir(parents=True, exist_ok=True)
    for stale in screenshots.glob(f"{path.stem}*.png"):
        stale.unlink()
    t0 = time.monotonic()
    t1 = t2 = slider = None
    try:
        open_notebook(page, server, relpath)
        t1 = time.monotonic()
        restart_and_run_all(page)
        t2 = time.monotonic()
        page.screenshot(path=screenshots / f"{path.stem}.png")
        assert_ran_cleanly(page, path)
        slider = move_first_slider(page, screenshots / f"{path.stem}-slider.png")
        shot = screenshots / f"{path.stem}-stepper.png"
        report.step_latencies[path.name] = click_through_steppers(page, shot)
    except BaseException:
        try:  # show the first error output if there is one
            page.locator(STDERR_OUTPUT).first.scroll_into_view_if_needed(timeout=2000)
        except Exception:
            pass
        page.screenshot(path=screenshots / f"{path.stem}-failure.png")
        report.rows.append(timing_row(f"{path.name} FAILED", t0, t1, t2, None))
        raise
    report.rows.append(timing_row(path.name, t0, t1, t2, slider))


def timing_row(name: str, t0: float, t1: float | None, t2: float | None, slider: float | None):
    """(name, open s, run-all s, slider s, total s); None where a step did not finish."""
    return (
        name,
        None if t1 is None else t1 - t0,
        None if t1 is None or t2 is None else t2 - t1,
        slider,
        time.monotonic() - t0,
    )


@pytest.mark.parametrize(
    "notebook",
    [pytest.param(p, id=p.name) for p in NOTEBOOKS]
    or [pytest.param(None, id="none", marks=pytest.mark.skip(reason="no notebooks/NN_*.ipynb yet"))],
)
def test_notebook_runs_in_jupyterlab(notebook: Path, lab_page, jupyter_server, browser_report):
    exercise_notebook(lab_page, jupyter_server, notebook, browser_report)


# ----------------------------------------------------------------------------- self-check
# The checks above pass silently if a selector stops matching after a JupyterLab upgrade. This
# notebook has a working slider panel (plain ipywidgets, same DOM contract) and then a failing
# cell: the panel must be driven and the error must be caught.

SELFCHECK_CELLS = [
    """import ipywidgets as widgets
import base64

def png(n):
    # a tiny distinct PNG per value is enough to see the image change
    import zlib, struct
    raw = b"\\x00" + bytes([n * 20 % 256, 0, 0])
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

w = widgets.FloatSlider(value=0.5, min=0.0, max=2.0, step=0.1, description="w")
n = widgets.IntSlider(value=3, min=1, max=5, description="n")
image = widgets.Image(value=png(3), format="png", width=60, height=60)
status = widgets.HTML()
status.add_class("bp-status")

def update(_=None):
    image.value = png(int(w.value * 10) + n.value)
    status.value = f"w = {w.value:.2f}, n = {n.value}"

for s in (w, n):
    s.observe(update, names="value")
update()
panel = widgets.VBox([w, n, image, status])
panel.add_class("bp-panel")
panel""",
    "",
    "1 / 0",
    "print('never reached')",
]


def write_selfcheck_notebook(path: Path) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# harness self-check"}]
    cells += [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src}
        for src in SELFCHECK_CELLS
    ]
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def test_harness_catches_errors_and_drives_sliders(lab_page, jupyter_server, browser_report):
    path = SELFCHECK / "selfcheck.ipynb"
    write_selfcheck_notebook(path)
    shots = SELFCHECK / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    open_notebook(lab_page, jupyter_server, path.relative_to(ROOT).as_posix())
    restart_and_run_all(lab_page)
    with pytest.raises(pytest.fail.Exception, match="ZeroDivisionError"):
        assert_ran_cleanly(lab_page, path)
    # the last cell never ran: the execution-count check alone must catch that too
    assert not re.fullmatch(r"\[\d+\]:", lab_page.evaluate(PROMPTS_JS)[-1])
    assert move_first_slider(lab_page, shots / "selfcheck-slider.png") is not None
    assert "w = 0.60" in lab_page.locator(".bp-panel .bp-status").first.inner_text()
