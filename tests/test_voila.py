"""Lecture mode: every notebook of both editions as Voilà serves it from the repository root (voila.json
there: code hidden, errors without tracebacks, cells tagged setup / predict / exercise hidden by
lecture/custom/custom.css), opened in headless Chromium on a 1920×1080 screen.

Each page must show no code and no error; every cell tagged setup, predict or exercise must be on the page
(with its `celltag_<tag>` class) and hidden, and every cell that has outputs in the stored notebook must
have them on the page too, hidden cells included (they ran: hidden is not removed). Under Voilà the views
are in presentation mode (bp_core.course.widgets.presentation): each panel and stepper fits on the screen
when scrolled to the top, the text of its labels, readouts, buttons and status line is at least
MIN_TEXT_PX px, and its picture has at least PRESENTATION_SCALE device pixels per CSS pixel. The first
slider of the page is pressed as tests/test_browser.py presses every slider (its `.noUi-handle` focused,
the arrow keys), each time until the picture changes and the status shows the new value; the ms from key
press to new picture are reported, with each page's seconds, at the end of the module and in
test-artifacts/voila-timings.txt. Screenshots of every view at 100 % and at the same screen zoomed to ZOOM
(150 %: the page laid out on 1280×720 CSS pixels, as the browser lays it out then) go to
test-artifacts/screenshots/voila/; at 150 % each view must still be as wide as the screen at most, its
picture shrunk to fit. One page is also opened through JupyterLab's own server (Voilà's server extension,
as Binder serves it) and checked the same way.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import pytest
from test_browser import each_on_screen, label, p95, press_slider, slider_name

from bp_core.course.widgets import PRESENTATION_SCALE

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("notebooks/[0-9][0-9]_*.ipynb", "notebooks/zh-CN/[0-9][0-9]_*.ipynb")  # English, then Chinese
NOTEBOOKS = [path for pattern in EDITIONS for path in sorted(ROOT.glob(pattern))]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots" / "voila"
TIMINGS = ROOT / "test-artifacts" / "voila-timings.txt"
HIDDEN_TAGS = ("setup", "predict", "exercise")
MIN_TEXT_PX = 20
SCREEN = (1920, 1080)  # CSS pixels of the projector at 100 %
ZOOM = 1.5
PAGE_TIMEOUT_MS = 180_000  # Voilà runs the whole notebook before the page is complete
LAYOUT_TIMEOUT_MS = 15_000  # for the page to be laid out again at a new window size
# An upper bound in presentation mode, to catch a view that became several times slower (the cost is
# reported; outside presentation mode tests/test_browser.py reports it against the target, p95 ≤ 100 ms).
PRESENTATION_P95_LIMIT_MS = 300

pytestmark = pytest.mark.browser

VIEWS = ".bp-panel, .bp-stepper"
TEXT = ".widget-label, .widget-readout, .jupyter-button, .bp-status"

# Every element with a celltag_ class: its tags, and whether the notebook cell it belongs to is rendered.
TAGGED_JS = """() => [...document.querySelectorAll('[class*="celltag_"]')].map(e => ({
  index: Number(e.closest('[cell-index]').getAttribute('cell-index')),
  tags: [...e.classList].filter(c => c.startsWith('celltag_')).map(c => c.slice(8)),
  visible: e.closest('.jp-Cell').checkVisibility()}))"""

# Code cells (by Voilà's 1-based cell-index) that show outputs, and how many, hidden or not.
OUTPUTS_JS = """() => Object.fromEntries([...document.querySelectorAll('[cell-index]')].map(c =>
  [c.getAttribute('cell-index'), c.querySelectorAll('.jp-OutputArea-output').length]))"""

# Whether the page shows n views, each with its picture loaded.
DRAWN_JS = """([css, n]) => [...document.querySelectorAll(css)].filter(view => {
  const img = view.querySelector('img');
  return img && img.complete && img.naturalWidth > 0;
}).length === n"""

# Each view scrolled to the top of the screen: its box, its picture's box and pixels, and the smallest text.
VIEW_SIZES_JS = """([views, text]) => [...document.querySelectorAll(views)].map((view, i) => {
  view.scrollIntoView({block: 'start'});
  const box = view.getBoundingClientRect(), img = view.querySelector('img');
  const pic = img.getBoundingClientRect();
  const sizes = [...view.querySelectorAll(text)].filter(e => e.checkVisibility())
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  return {view: `${view.classList.contains('bp-stepper') ? 'stepper' : 'panel'} ${i + 1}`,
          presenting: view.classList.contains('bp-presentation'),
          top: box.top, left: box.left, right: box.right, bottom: box.bottom,
          picture: [pic.left, pic.right, pic.bottom, pic.width], pixels: img.naturalWidth,
          texts: sizes.length, smallest: Math.min(...sizes),
          screen: [document.documentElement.clientWidth, window.innerHeight]};
})"""

# Whether Lumino has laid the page out again for the window's new size (it does so in an animation frame
# after the window's resize event).
RELAID_JS = """() => [...document.querySelectorAll('.lm-BoxPanel')].every(
  e => e.getBoundingClientRect().width <= document.documentElement.clientWidth)"""

def stored(path: Path) -> tuple[dict[str, int], dict[int, int], int]:
    """From the stored notebook: how many cells carry each hidden tag; the outputs of each code cell that
    has some, by Voilà's cell-index (1-based); and how many panels and steppers it shows."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tags = {tag: sum(tag in c["metadata"].get("tags", []) for c in cells) for tag in HIDDEN_TAGS}
    code = [(i + 1, c["outputs"]) for i, c in enumerate(cells) if c["cell_type"] == "code"]
    outputs = {index: len(out) for index, out in code if out}
    widget = "application/vnd.jupyter.widget-view+json"
    views = sum(any(widget in o.get("data", {}) for o in out) for _, out in code)
    return tags, outputs, views


def code_lines(path: Path) -> list[str]:
    """The longest line of each code cell (lines of at least 20 characters) that the text of the notebook
    does not quote itself: none may be on the page."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    lines = [max("".join(c["source"]).splitlines(), key=len, default="").strip() for c in cells
             if c["cell_type"] == "code"]
    return [line for line in lines if len(line) >= 20 and line not in prose]


@pytest.fixture(scope="module")
def lecture_report(request):
    """Seconds per page and ms per key press, written out when the module is done."""
    report = {"pages": [], "presses": []}
    yield report
    if not report["pages"]:
        return
    lines = [f"{'page':<36} {'open s':>7} {'checks s':>9} {'total s':>8} {'key press → picture, ms':>24}"]
    for name, opened, checks, presses in report["pages"]:
        ms = " ".join(f"{t:.0f}" for t in presses)
        lines.append(f"{name:<36} {opened:>7.1f} {checks:>9.1f} {opened + checks:>8.1f} {ms:>24}")
    lines.append(f"{'all pages':<36} {'':>7} {'':>9} {sum(o + c for _, o, c, _ in report['pages']):>8.1f}")
    presses = report["presses"]
    if len(presses) >= 2:
        cuts = statistics.quantiles(presses, n=20, method="inclusive")
        lines.append(f"first slider of each page, presentation mode: {len(presses)} key presses → new "
                     f"picture, p50 {cuts[9]:.0f} ms, p95 {cuts[18]:.0f} ms, max {max(presses):.0f} ms")
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("-", f"Voilà lecture pages (also in {TIMINGS.relative_to(ROOT)})")
        for line in lines:
            reporter.write_line(line)


def open_lecture_page(page, base_url: str, path: Path, views: int, query: str = "") -> None:
    """Voilà's page of the notebook at base_url (a server's URL), complete (every cell run) and with its
    views drawn; query: what the URL ends with, such as "?token=…"."""
    url = f"{base_url}/voila/render/{path.relative_to(ROOT).as_posix()}{query}"
    page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    page.locator("#rendered_cells").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function(DRAWN_JS, arg=[VIEWS, views], timeout=PAGE_TIMEOUT_MS, polling=100)


def assert_no_code_and_no_error(page, path: Path) -> None:
    text = page.locator("#rendered_cells").text_content()
    shown = [line for line in code_lines(path) if line in text]
    assert not shown, f"{label(path)}: the page shows code: {shown}"
    inputs = page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt").count()
    assert inputs == 0, f"{label(path)}: {inputs} input areas or prompts on the page"
    errors = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    problems = re.findall(r"Traceback|There was an error when executing cell|ExecutionError|⚠.*", text)
    assert not errors and not problems, f"{label(path)}: errors on the page: {errors or problems}"


def assert_tagged_cells_hidden_and_run(page, path: Path) -> None:
    tags, outputs, _views = stored(path)
    tagged = page.evaluate(TAGGED_JS)
    on_page = {tag: len({e["index"] for e in tagged if tag in e["tags"]}) for tag in HIDDEN_TAGS}
    assert on_page == tags, f"{label(path)}: tagged cells: on the page {on_page}, in the file {tags}"
    visible = [e for e in tagged if set(e["tags"]) & set(HIDDEN_TAGS) and e["visible"]]
    assert not visible, f"{label(path)}: tagged cells shown: {visible}"
    shown = {int(i): n for i, n in page.evaluate(OUTPUTS_JS).items()}
    missing = {i: n for i, n in outputs.items() if shown.get(i, 0) < 1}
    assert not missing, f"{label(path)}: code cells without output on the page (index: stored) {missing}"


def assert_views_fit_and_read_large(page, path: Path, whole: bool = True) -> None:
    """Every view in presentation mode, on the screen when scrolled to its top (whole: all of it; else as
    wide as the screen at most, the page scrolling down), its text ≥ MIN_TEXT_PX, its picture inside it and
    sharp (PRESENTATION_SCALE pixels of the PNG per CSS pixel at least)."""
    sizes = page.evaluate(VIEW_SIZES_JS, [VIEWS, TEXT])
    wrong = []
    for s in sizes:
        width, height = s["screen"]
        left, right, bottom, shown_width = s["picture"]
        if not s["presenting"]:
            wrong.append(f"{s['view']}: not in presentation mode")
        if s["left"] < 0 or s["right"] > width or (whole and s["bottom"] - s["top"] > height):
            wrong.append(f"{s['view']}: {s['right'] - s['left']:.0f}×{s['bottom'] - s['top']:.0f} px at x "
                         f"{s['left']:.0f}, screen {width}×{height}")
        if left < s["left"] or right > s["right"] or bottom > s["bottom"]:
            wrong.append(f"{s['view']}: its picture reaches out of it")
        if s["pixels"] < PRESENTATION_SCALE * shown_width - 1:
            wrong.append(f"{s['view']}: {s['pixels']} px picture shown {shown_width:.0f} px wide")
        if not s["texts"] or s["smallest"] < MIN_TEXT_PX:
            wrong.append(f"{s['view']}: {s['texts']} texts, the smallest {s['smallest']} px")
    assert not wrong, f"{label(path)} on a {width}×{height} screen: {'; '.join(wrong)}"


def press_first_slider(page) -> list[float]:
    """ms from each arrow-key press on the page's first slider to the new picture of its view, its status
    showing the slider's new value (tests/test_browser.py's press_slider: back and forth, ending where it
    started)."""
    view = page.locator(VIEWS).filter(has=page.locator(".widget-slider")).first
    slider = view.locator(".widget-slider").first
    stepper = "bp-stepper" in view.get_attribute("class").split()
    expect = " {value} / " if stepper else f"{slider_name(slider)} = {{value}}"  # as test_browser expects
    return press_slider(page, view, slider, expect)


def screenshots(page, folder: Path, stem: str, suffix: str) -> None:
    """The screen with each view scrolled to its top: folder/stem-1suffix.png, …"""
    for i, _view in each_on_screen(page, VIEWS):
        page.screenshot(path=folder / f"{stem}-{i + 1}{suffix}.png", animations="disabled")


@pytest.mark.parametrize("notebook", [pytest.param(p, id=label(p)) for p in NOTEBOOKS])
def test_lecture_page(notebook: Path, voila_page, voila_server, lecture_report):
    shots = SCREENSHOTS / Path(label(notebook)).parent
    shots.mkdir(parents=True, exist_ok=True)
    for stale in shots.glob(f"{notebook.stem}-*.png"):
        stale.unlink()
    _tags, _outputs, views = stored(notebook)
    voila_page.set_viewport_size({"width": SCREEN[0], "height": SCREEN[1]})
    presses = []
    start = time.monotonic()
    open_lecture_page(voila_page, voila_server.url, notebook, views)
    opened = time.monotonic()
    assert_no_code_and_no_error(voila_page, notebook)
    assert_tagged_cells_hidden_and_run(voila_page, notebook)
    if views:
        assert_views_fit_and_read_large(voila_page, notebook)
        presses = press_first_slider(voila_page)
        lecture_report["presses"] += presses
        screenshots(voila_page, shots, notebook.stem, "")
        voila_page.set_viewport_size({"width": round(SCREEN[0] / ZOOM), "height": round(SCREEN[1] / ZOOM)})
        voila_page.wait_for_function(RELAID_JS, timeout=LAYOUT_TIMEOUT_MS, polling=50)
        assert_views_fit_and_read_large(voila_page, notebook, whole=False)
        screenshots(voila_page, shots, notebook.stem, f"-zoom{ZOOM * 100:.0f}")
    else:
        voila_page.screenshot(path=shots / f"{notebook.stem}-page.png")
    lecture_report["pages"].append((label(notebook), opened - start, time.monotonic() - opened, presses))


def test_the_lecture_page_is_the_same_inside_jupyterlab(lab_page, jupyter_server):
    """Voilà as the Jupyter server's extension (as on Binder: /voila/render/... next to /lab) reads the same
    voila.json from the server's folder: code hidden, tagged cells hidden but run, views presenting."""
    notebook = ROOT / "notebooks" / "01_chain_rule.ipynb"
    lab_page.set_viewport_size({"width": SCREEN[0], "height": SCREEN[1]})
    open_lecture_page(lab_page, jupyter_server.url, notebook, stored(notebook)[2],
                      f"?token={jupyter_server.token}")
    assert_no_code_and_no_error(lab_page, notebook)
    assert_tagged_cells_hidden_and_run(lab_page, notebook)
    assert_views_fit_and_read_large(lab_page, notebook)


def test_presentation_mode_costs_no_more_than_the_limit(lecture_report):
    """The p95 of the key presses of the pages above (pytest runs a module's tests in order)."""
    presses = lecture_report["presses"]
    if len(presses) < 2:
        pytest.skip("no lecture page with a slider was opened in this run")
    assert p95(presses) <= PRESENTATION_P95_LIMIT_MS, (
        f"presentation mode: key press → new picture p95 {p95(presses):.0f} ms over {len(presses)} presses > "
        f"{PRESENTATION_P95_LIMIT_MS} ms")
