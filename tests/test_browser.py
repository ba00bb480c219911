"""Every notebook, opened in real JupyterLab in headless Chromium: Restart Kernel and Run All Cells
must finish with no error output, every picture must be shown at its own size (shrunk where the output
is narrower, never stretched), and every slider and button must answer quickly with a new picture.

Needs Debian's chromium (`apt-get install chromium`, or BP_CHROMIUM=/path/to/chrome) and the
playwright package from requirements-test.txt. Without them these tests are skipped, except when the
environment variable CI is set, where that is a failure. Screenshots go to test-artifacts/screenshots/.

Slider panels (bp_core.course.widgets) follow one DOM contract: a `.bp-panel` box holding `.widget-slider`
sliders, an `img` re-rendered on each change, and a `.bp-status` text reading `name = value` for every
slider, with the value written exactly as the slider's readout shows it. Steppers: a `.bp-stepper` box
holding four `.bp-step-button` buttons (Back, Next, Play, Reset), its `img` and a `.bp-status` text that
starts with "step k / n".

Every slider of every panel is pressed with the arrow keys (its `.noUi-handle` focused), and every
stepper's step slider, Next, Back, Play, Pause and Reset are pressed, each press after the previous answer
arrived. The time from each key press or click to its new picture is measured in the page itself:
performance.now() at the keydown or pointerdown, a MutationObserver on the image (no polling), the picture
decoded. The summary and test-artifacts/browser-timings.txt show p50 / p95 by notebook and by view, and
whether all answers together met the target, p95 ≤ 100 ms (ANSWER_P95_TARGET_MS). The run fails where no
busy moment of the machine explains the times: all answers p95 > ALL_P95_LIMIT_MS, or one notebook's
> NOTEBOOK_P95_LIMIT_MS (see there).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# BP_BROWSER_NOTEBOOKS: other globs under the repository root (space-separated), e.g. to try a draft.
EDITIONS = "notebooks/[0-9][0-9]_*.ipynb notebooks/zh-CN/[0-9][0-9]_*.ipynb"  # English, then Chinese
NOTEBOOKS = [path for pattern in os.environ.get("BP_BROWSER_NOTEBOOKS", EDITIONS).split()
             for path in sorted(ROOT.glob(pattern))]

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SELFCHECK = ROOT / "test-artifacts" / "selfcheck"

LOAD_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000
SLIDER_TIMEOUT_MS = 15_000
SLIDER_PRESSES = 6  # per slider, alternating left and right
STEP_CLICKS = 6  # Next, per stepper; then Back half as many times
# Key press / click → new picture: the target is p95 ≤ 100 ms over all answers. Performance targets are
# measured, not held by timed tests (DESIGN.md): on 2 cores shared by Chromium, JupyterLab, the kernel and
# this driver, one tree measures p95 from 87 to 110 ms from one run to the next, as the machine's load
# comes and goes (its kernel's part: benchmarks/sliders.py). So every run reports the target met or not,
# and fails at 1.5 × the target over all answers, or 2 × over one notebook's (6 presses per slider): what
# a view made slower by design gives (a full redraw instead of a blit costs 50–150 ms more), not a busy
# moment. BP_ANSWER_P95_LIMIT_MS=100 holds a run to the target itself, on a machine doing nothing else.
ANSWER_P95_TARGET_MS = 100
NOTEBOOK_P95_LIMIT_MS = 2 * ANSWER_P95_TARGET_MS
ALL_P95_LIMIT_MS = float(os.environ.get("BP_ANSWER_P95_LIMIT_MS", 1.5 * ANSWER_P95_TARGET_MS))

pytestmark = pytest.mark.browser


def label(path: Path) -> str:
    """A notebook's name in reports and screenshots: 03_one_neuron.ipynb, zh-CN/03_one_neuron.ipynb."""
    notebooks = ROOT / "notebooks"
    return path.relative_to(notebooks).as_posix() if path.is_relative_to(notebooks) else path.name


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
            f"{label(path)}: {len(problems)} error/warning output(s); code cell {first['cell'] + 1} shows:\n"
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
    assert not not_run, f"{label(path)}: code cells without an execution count after Run All: {not_run}"


# One measurement, armed in the page before the key press or click: performance.now() at the first keydown
# or pointerdown on `control`, then ms until `output` shows something new. For a picture, `output` is the
# view and `selector` "img": the view's HTML widget replaces its img element on every update, so the
# observer watches the whole view and a new picture is an img element other than the one shown before (or
# a new src), timed once it has decoded. For a button, `output` is the button and `selector` null: a new
# label. The promise resolves once that picture is there and the view's status includes `expect`
# ("{value}" replaced by the slider's readout at that time), so the next press waits for both.
ANSWER_JS = """([control, output, status, readout, selector, expect, timeoutMs]) => {
  const current = () => selector === null ? output : output.querySelector(selector);
  const shown = node => node === null ? null : (node.getAttribute('src') ?? node.textContent);
  const plain = s => s.replaceAll('\\u2212', '-');
  const before = current(), beforeShown = shown(before);
  window.__bpAnswer = new Promise((resolve, reject) => {
    let t0 = null, picture = null;
    const start = () => { t0 ??= performance.now(); };
    const statusShows = () => expect === null || plain(status.innerText).includes(
      plain(expect.replace('{value}', readout ? readout.innerText.trim() : '')));
    const finish = (result, ok) => {
      observer.disconnect(); clearTimeout(timer);
      control.removeEventListener('keydown', start, true);
      control.removeEventListener('pointerdown', start, true);
      (ok ? resolve : reject)(result);
    };
    const check = () => {
      const now = current();
      if (picture === null && now !== null && (now !== before || shown(now) !== beforeShown)) {
        if (t0 === null) return finish(new Error('the output changed before any key press or click'), false);
        picture = 'decoding';
        const arrived = performance.now();
        const decoded = now.tagName === 'IMG' ? now.decode() : Promise.resolve();
        decoded.then(() => performance.now(), () => arrived).then(t => { picture = t - t0; check(); });
      }
      if (typeof picture === 'number' && statusShows()) finish(picture, true);
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(new Error(picture === null ? 'no new picture'
      : `the status did not show ${JSON.stringify(expect)}`), false), timeoutMs);
    control.addEventListener('keydown', start, true);
    control.addEventListener('pointerdown', start, true);
    for (const node of [output, status]) {
      observer.observe(node, {attributes: true, attributeFilter: ['src'], childList: true, subtree: true,
                              characterData: true});
    }
  });
}"""


def answer(page, view, trigger, control, output, expect: str | None, readout=None, what: str = "",
           selector: str | None = "img") -> float:
    """Ms from the key press or click that trigger() makes on control to a new picture in output (the
    `selector` element inside it; output itself when selector is None), the view's status showing expect.
    Fails the test when the answer does not come within SLIDER_TIMEOUT_MS."""
    status = view.locator(".bp-status").first
    handles = [control, output, status, readout]
    arguments = [h and h.element_handle() for h in handles] + [selector, expect, SLIDER_TIMEOUT_MS]
    page.evaluate(ANSWER_JS, arguments)
    trigger()
    try:
        return page.evaluate("() => window.__bpAnswer")
    except Exception as exc:  # say what the page shows instead
        text = status.inner_text()
        if "\u26a0" in text:  # bp_core.widgets.View shows a failed update with ⚠
            pytest.fail(f"{what} raised in the kernel: {text}", pytrace=False)
        pytest.fail(f"{what}: no answer within {SLIDER_TIMEOUT_MS / 1000:.0f} s ({exc}); "
                    f"status reads {text!r}", pytrace=False)


def slider_name(slider) -> str:
    return slider.locator(".widget-label").first.inner_text().strip()


def press_slider(page, view, slider, expect: str) -> list[float]:
    """Focus the slider's handle and press the arrow keys SLIDER_PRESSES times, alternating, first towards
    the farther end of its range (so it stays in range and ends where it started); ms per press."""
    slider.wait_for(state="visible", timeout=SLIDER_TIMEOUT_MS)
    handle = slider.locator(".noUi-handle").first
    readout = slider.locator(".widget-readout").first
    now, low, high = (float(handle.get_attribute(f"aria-value{a}")) for a in ("now", "min", "max"))
    keys = ["ArrowLeft", "ArrowRight"] if now > (low + high) / 2 else ["ArrowRight", "ArrowLeft"]
    handle.focus()
    return [answer(page, view, lambda key=keys[i % 2]: handle.press(key), handle, view, expect, readout,
                   f"slider {slider_name(slider)!r}, {keys[i % 2]}") for i in range(SLIDER_PRESSES)]


def each_on_screen(page, css: str):
    """(i, element) for every element matching css, each scrolled to the top of the page first."""
    elements = page.locator(css)
    for i in range(elements.count()):
        element = elements.nth(i)
        element.evaluate("e => e.scrollIntoView({block: 'start'})")
        yield i, element


def drive_panels(page, shot_path: Path) -> dict[str, list[float]]:
    """Press each slider of every panel SLIDER_PRESSES times; ms per press, by panel."""
    latencies = {}
    for i, panel in each_on_screen(page, ".bp-panel"):
        sliders = panel.locator(".widget-slider").all()
        times = latencies[f"panel {i + 1} ({', '.join(slider_name(s) for s in sliders)})"] = []
        for slider in sliders:
            times += press_slider(page, panel, slider, f"{slider_name(slider)} = {{value}}")
        panel.screenshot(path=shot_path.with_name(f"{shot_path.stem}-{i + 1}.png"))
    return latencies


def drive_steppers(page, shot_path: Path) -> dict[str, list[float]]:
    """In every stepper: the step slider's arrow keys, Next, Back, Play and Pause (answered by the button's
    label: Play's first step comes 1/speed s later by design) and Reset; ms per press or click, by stepper."""
    latencies = {}
    for i, stepper in each_on_screen(page, ".bp-stepper"):
        buttons = stepper.locator(".bp-step-button").all()
        labels = [b.inner_text().strip() for b in buttons]
        assert labels in (["Back", "Next", "Play", "Reset"], ["上一步", "下一步", "播放", "重置"]), labels
        back, next_, play, reset = buttons
        status = stepper.locator(".bp-status").first
        start = re.match(r"(?:step|步骤) 0 / (\d+)", status.inner_text())
        assert start, status.inner_text()
        n = int(start[1])
        times = press_slider(page, stepper, stepper.locator(".widget-slider").first, " {value} / ")
        nexts = min(STEP_CLICKS, n)
        clicks = [(next_, k) for k in range(1, nexts + 1)]
        clicks += [(back, k) for k in range(nexts - 1, nexts - 1 - nexts // 2, -1)]
        clicks += [(play, None), (play, None), (reset, 0)]  # Play, Pause (the label answers), Reset
        for button, k in clicks:
            what = button.inner_text().strip() + ("" if k is None else f" to step {k}")
            output, expect, selector = (play, None, None) if k is None else (stepper, f" {k} / {n}", "img")
            times.append(answer(page, stepper, button.click, button, output, expect, what=what,
                                selector=selector))
        latencies[f"stepper {i + 1} ({n} steps)"] = times
        stepper.screenshot(path=shot_path.with_name(f"{shot_path.stem}-{i + 1}.png"))
    return latencies


# Every view's picture, once decoded: its size on screen, its own size, and the width of the box it is in.
IMAGE_SIZES_JS = """() => {
  const views = [...document.querySelectorAll('.bp-panel, .bp-stepper')];
  return Promise.all(views.map(async view => {
    const img = view.querySelector('img');
    await img.decode().catch(() => {});
    const kind = view.classList.contains('bp-stepper') ? 'stepper' : 'panel';
    const index = [...document.querySelectorAll(`.bp-${kind}`)].indexOf(view) + 1;
    const shown = img.getBoundingClientRect();
    return {view: `${kind} ${index}`, width: shown.width, height: shown.height,
            naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, room: view.clientWidth};
  }));
}"""


def assert_images_at_own_size(page) -> None:
    """Each view's image is shown at its own width where its box has room, and shrunk to the box where not,
    keeping its proportions: never stretched (a stretched PNG is a blurred one)."""
    wrong = [
        f"{size['view']}: {size['naturalWidth']}×{size['naturalHeight']} px, shown at "
        f"{size['width']:.0f}×{size['height']:.0f} px in a {size['room']} px wide box"
        for size in page.evaluate(IMAGE_SIZES_JS)
        if not size["naturalWidth"]
        or abs(size["width"] - min(size["naturalWidth"], size["room"])) > 0.5
        or abs(size["height"] - size["width"] * size["naturalHeight"] / size["naturalWidth"]) > 1
    ]
    if wrong:
        pytest.fail(f"images not shown at their own size: {'; '.join(wrong)}", pytrace=False)


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


# ----------------------------------------------------------------------------- accessibility
# axe-core, as axe-playwright-python bundles it (its axe.min.js read from the installed package: nothing
# is fetched), runs over the notebook's output areas once per notebook, after its controls were driven.
# Violations of ALWAYS_OURS fail wherever they are, and so does any violation on a node of our own markup
# (OUR_MARKUP: views, their pictures and status lines, the static pictures); the rest is JupyterLab's or
# ipywidgets' own markup, listed in test-artifacts/axe-violations.txt and the terminal summary without
# failing.
ALWAYS_OURS = ("image-alt", "color-contrast", "link-name")
OUR_MARKUP = ".bp-panel, .bp-stepper, .bp-picture"
AXE_CONTEXT = {"include": [".jp-OutputArea"]}
AXE_REPORT = ROOT / "test-artifacts" / "axe-violations.txt"

# Every violation node of axe's results: its rule, impact, target, markup, and whose markup it is.
AXE_RUN_JS = """async ([context, ours]) => {
  const results = await axe.run(context, {resultTypes: ['violations']});
  return results.violations.flatMap(v => v.nodes.map(node => {
    const target = node.target.flat(Infinity).join(' ');
    const element = document.querySelector(node.target.flat(Infinity).at(-1));
    // a slider's own markup (its noUiSlider handle) is ipywidgets', even inside one of our views
    const whose = element === null ? 'unknown' : element.closest('.widget-slider') ? 'ipywidgets'
      : element.closest(ours) ? 'ours' : element.closest('.jupyter-widgets') ? 'ipywidgets' : 'JupyterLab';
    return {rule: v.id, impact: v.impact, help: v.help, target, html: node.html.slice(0, 160), whose};
  }));
}"""


@dataclass
class AxeReport:
    """The violations axe found, and the controls without an accessible name in Playwright's accessibility
    tree, by notebook; a plugin that writes them at the end of the run."""

    found: dict[str, list[dict]] = field(default_factory=dict)
    unnamed: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Counts by rule and whose markup, per notebook, then every node that is not ours."""
        rows = [f"{'notebook':<36} {'rule':<28} {'whose':<11} {'impact':<9} {'nodes':>5}"]
        rows.append("-" * len(rows[0]))
        for name, nodes in self.found.items():
            counts = Counter((n["rule"], n["whose"], n["impact"]) for n in nodes)
            rows += [f"{name:<36} {rule:<28} {whose:<11} {impact:<9} {count:>5}"
                     for (rule, whose, impact), count in sorted(counts.items())]
            rows += [] if nodes else [f"{name:<36} {'(none)':<28}"]
        total = Counter((n["rule"], n["whose"]) for nodes in self.found.values() for n in nodes)
        rows += ["", "all notebooks, by rule and whose markup:"]
        rows += [f"  {rule:<28} {whose:<11} {count:>5}" for (rule, whose), count in sorted(total.items())]
        rows += ["", "JupyterLab's and ipywidgets' markup (not ours): one node per rule and notebook"]
        for name, nodes in self.found.items():
            seen = set()
            for n in nodes:
                if n["whose"] != "ours" and n["rule"] not in seen:
                    seen.add(n["rule"])
                    rows.append(f"  {name}: {n['rule']} ({n['help']}): {n['target']} {n['html']}")
        rows += ["", "controls without an accessible name in Playwright's accessibility tree:"]
        rows += [f"  {name}: {', '.join(controls)}" for name, controls in self.unnamed.items() if controls]
        return rows

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.found:
            return
        lines = self.lines()
        AXE_REPORT.parent.mkdir(exist_ok=True)
        AXE_REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        terminalreporter.section(f"axe-core over the output areas (also in {AXE_REPORT.relative_to(ROOT)})")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def axe_report(request) -> AxeReport:
    """The run's AxeReport, registered as a plugin so that the terminal summary shows it."""
    report = AxeReport()
    request.config.pluginmanager.register(report, "bp-axe-report")
    return report


def run_axe(page) -> list[dict]:
    """axe over the page's output areas: one dict per violating node (rule, impact, help, target, html,
    whose: "ours", "ipywidgets" or "JupyterLab")."""
    from axe_playwright_python.base import AXE_SCRIPT  # the package's own axe.min.js

    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(AXE_RUN_JS, [AXE_CONTEXT, OUR_MARKUP])


# A slider or button in Playwright's ARIA snapshot: `- slider "name"`, `- button "Next"`, or no name.
CONTROL = re.compile(r'^\s*- (slider|button)(?: "((?:[^"\\]|\\.)*)")?', re.M)


def unnamed_controls(page) -> list[str]:
    """The sliders and buttons of every view that have no accessible name in Playwright's accessibility
    tree, as "panel 1: slider" ...; fails if a button has none, or a slider has no visible label."""
    unnamed = []
    for kind in ("panel", "stepper"):
        for i, view in enumerate(page.locator(f".bp-{kind}").all()):
            view.scroll_into_view_if_needed()  # JupyterLab renders a cell's contents only near the screen
            controls = CONTROL.findall(view.aria_snapshot())
            sliders = [role for role, _ in controls if role == "slider"]
            assert len(sliders) == view.locator(".noUi-handle").count(), (kind, i + 1, controls)
            assert all(name for role, name in controls if role == "button"), (kind, i + 1, controls)
            labels = view.locator(".widget-slider .widget-label").all_text_contents()
            assert all(label.strip() for label in labels), (kind, i + 1, labels)
            unnamed += [f"{kind} {i + 1}: {role}" for role, name in controls if not name]
    return unnamed


def assert_accessible(path: Path, nodes: list[dict]) -> None:
    """No violation of ALWAYS_OURS anywhere, none at all on our own markup."""
    ours = [n for n in nodes if n["rule"] in ALWAYS_OURS or n["whose"] == "ours"]
    if ours:
        pytest.fail(f"{label(path)}: axe finds {len(ours)} violation(s) in our markup or of "
                    f"{', '.join(ALWAYS_OURS)}: " + "; ".join(f"{n['rule']} at {n['target']} ({n['html']})"
                                                            for n in ours[:8]), pytrace=False)


def exercise_notebook(page, server, path: Path, report, axe: AxeReport,
                      screenshots: Path = SCREENSHOTS) -> None:
    """Open, Restart Kernel and Run All Cells, check the outputs and the image sizes, press every control of
    every view, then run axe over the outputs; screenshots + timings + axe's violations."""
    relpath = path.relative_to(ROOT).as_posix()
    screenshots = screenshots / Path(label(path)).parent  # zh-CN/ for the Chinese edition
    screenshots.mkdir(parents=True, exist_ok=True)
    for stale in screenshots.glob(f"{path.stem}*.png"):
        stale.unlink()
    t0 = time.monotonic()
    t1 = t2 = t3 = None
    try:
        open_notebook(page, server, relpath)
        t1 = time.monotonic()
        restart_and_run_all(page)
        t2 = time.monotonic()
        page.screenshot(path=screenshots / f"{path.stem}.png")
        assert_ran_cleanly(page, path)
        assert_images_at_own_size(page)
        views = report.latencies[label(path)] = drive_panels(page, screenshots / f"{path.stem}-panel.png")
        views |= drive_steppers(page, screenshots / f"{path.stem}-stepper.png")
        t3 = time.monotonic()
        nodes = axe.found[label(path)] = run_axe(page)
        axe.unnamed[label(path)] = unnamed_controls(page)
    except BaseException:
        try:  # show the first error output if there is one
            page.locator(STDERR_OUTPUT).first.scroll_into_view_if_needed(timeout=2000)
        except Exception:
            pass
        page.screenshot(path=screenshots / f"{path.stem}-failure.png")
        report.rows.append(timing_row(f"{label(path)} FAILED", t0, t1, t2, t3))
        raise
    report.rows.append(timing_row(label(path), t0, t1, t2, t3))
    every = [t for times in views.values() for t in times]
    if every:
        assert p95(every) <= NOTEBOOK_P95_LIMIT_MS, (
            f"{label(path)}: key press / click → new picture p95 {p95(every):.0f} ms > limit "
            f"{NOTEBOOK_P95_LIMIT_MS} ms (target {ANSWER_P95_TARGET_MS} ms); by view: "
            + ", ".join(f"{name} {p95(times):.0f} ms" for name, times in views.items())
        )
    assert_accessible(path, nodes)


def timing_row(name: str, t0: float, t1: float | None, t2: float | None, t3: float | None):
    """(name, open s, run-all s, controls s, total s); None where a step did not finish."""
    return (
        name,
        None if t1 is None else t1 - t0,
        None if t1 is None or t2 is None else t2 - t1,
        None if t2 is None or t3 is None else t3 - t2,
        time.monotonic() - t0,
    )


@pytest.mark.parametrize(
    "notebook",
    [pytest.param(p, id=label(p)) for p in NOTEBOOKS]
    or [pytest.param(None, id="none", marks=pytest.mark.skip(reason="no notebooks/NN_*.ipynb yet"))],
)
def test_notebook_runs_in_jupyterlab(notebook: Path, lab_page, jupyter_server, browser_report, axe_report):
    exercise_notebook(lab_page, jupyter_server, notebook, browser_report, axe_report)


def test_all_answers_fast(browser_report):
    """The p95 over every answer of the notebooks driven above (pytest runs a module's tests in order)."""
    every = [t for views in browser_report.latencies.values() for times in views.values() for t in times]
    if not every:
        pytest.skip("no notebook with sliders or steppers was driven in this run")
    measured = p95(every)
    met = "met" if measured <= ANSWER_P95_TARGET_MS else "not met"
    browser_report.verdict = (f"all {len(every)} answers: p95 {measured:.0f} ms; target p95 ≤ "
                              f"{ANSWER_P95_TARGET_MS} ms {met}; a run fails above {ALL_P95_LIMIT_MS:.0f}")
    assert measured <= ALL_P95_LIMIT_MS, (
        f"key press / click → new picture p95 {measured:.0f} ms over {len(every)} answers > limit "
        f"{ALL_P95_LIMIT_MS:.0f} ms (target {ANSWER_P95_TARGET_MS} ms)"
    )


# ----------------------------------------------------------------------------- self-check
# The checks above pass silently if a selector stops matching after a JupyterLab upgrade. This
# notebook has a working slider panel (plain ipywidgets, same DOM contract) whose image is stretched,
# and then a failing cell: the panel must be driven, and the error and the stretching must be caught.

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
    # its 1 px image is shown 60 px wide: the size check must see that
    with pytest.raises(pytest.fail.Exception, match="panel 1: 1×1 px, shown at 60×60 px"):
        assert_images_at_own_size(lab_page)
    latencies = drive_panels(lab_page, shots / "selfcheck-panel.png")
    assert {name: len(times) for name, times in latencies.items()} == {"panel 1 (w, n)": 2 * SLIDER_PRESSES}
    assert "w = 0.50, n = 3" in lab_page.locator(".bp-panel .bp-status").first.inner_text()


# ----------------------------------------------------------------------------- JupyterLab in Chinese
MENUS = {"en": ["File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help"],
         "zh-CN": ["文件", "编辑", "查看", "运行", "内核", "标签页", "设置", "帮助"]}


def menu_bar(page) -> list[str]:
    page.locator(".lm-MenuBar-itemLabel").first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    return page.locator(".lm-MenuBar-itemLabel").all_inner_texts()


def choose_language(page, settings: str, language: str) -> None:
    """Settings → Language → `language`, then "Change and reload", as a learner does."""
    page.locator(".lm-MenuBar-itemLabel", has_text=settings).click()
    page.locator(".lm-Menu-item[data-type='submenu']").filter(has_text=re.compile("Language|语言")).click()
    page.locator(".lm-Menu-itemLabel", has_text=language).click()
    with page.expect_navigation(timeout=LOAD_TIMEOUT_MS):
        page.locator(".jp-Dialog button.jp-mod-accept").click()


def test_jupyterlab_menus_are_english_and_switch_to_chinese(lab_page, jupyter_server):
    """The language pack pinned in requirements.in fits the pinned JupyterLab: the menus stay English until
    the learner picks 中文 in Settings → Language, and English again after picking English."""
    url = f"{jupyter_server.url}/lab?reset&token={jupyter_server.token}"
    lab_page.goto(url, wait_until="domcontentloaded")
    assert menu_bar(lab_page) == MENUS["en"]
    choose_language(lab_page, "Settings", "中文 (简体, 中国)")
    try:
        assert menu_bar(lab_page) == MENUS["zh-CN"]
        lab_page.screenshot(path=SCREENSHOTS / "jupyterlab-zh-CN.png")
    finally:
        choose_language(lab_page, "设置", "English")
    assert menu_bar(lab_page) == MENUS["en"]
