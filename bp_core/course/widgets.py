"""Controls over scenes: the only module that imports ipywidgets.

A View shows a scene (see viz.py): on every change it calls the scene's `update` (pure bp_core functions
plus `set_data` on existing artists), renders the reused figure to PNG (a blit of `scene.animated` when
the scene lists them) and shows it as an `<img>` in an HTML widget, its alt the scene's text alternative
(`scene.describe()`, or the status line for a scene without one), with a status line of numbers below.
No Output widget is involved, so nothing differs between JupyterLab and a headless kernel.

Re-running a notebook cell that made a View closes the View that cell made before (JupyterLab tells the
kernel which cell runs), so a slider cell run fifty times keeps one figure alive, not fifty.

A Stepper steps through a scene (Back, Next, Play, Reset and a step slider). Its DOM contract, for
tests/test_browser.py: a `.bp-stepper` box holding four `.bp-step-button` buttons whose text is exactly
tr("Back"), tr("Next"), tr("Play") (tr("Pause") while playing) and tr("Reset"), each with a title (the
tooltip) saying what it does; then two `.widget-slider` sliders, the step (0 … n) and the speed of Play;
then the `img`, re-rendered on every step; then the `.bp-status` text, which starts with "step k / n"
("步骤 k / n" in Chinese: the numbers `k / n` the same in both). Every control is a native button or an
ipywidgets slider: Tab reaches each, Enter and Space press a button, the arrow keys move a slider.

Presentation mode, for a class watching a projector: `presentation(True)` switches it on for every view
made afterwards (re-run a cell to redraw its view), `presentation(False)` off, `presentation()` says
whether it is on. Until it is switched, and again after `presentation("auto")`, it is on where the kernel
runs under Voilà (a lecture page: Voilà starts its kernels with SERVER_SOFTWARE="voila/<version>") and off
elsewhere. A view made in presentation
mode carries the class `bp-presentation` and one <style> (PRESENTATION_CSS): slider labels, readouts,
buttons and the status line in PRESENTATION_FONT_PX px text, larger handles; its picture is rendered at
PRESENTATION_SCALE times the pixels and shown at the figure's own size (`viz.Renderer(scene, scale)`), so
it stays sharp on any screen and when the page is zoomed. A Panel with more than BESIDE_SLIDERS sliders
puts them beside its picture (`.bp-beside`: a row [sliders | picture], then the status line), so that
every panel fits a 1920×1080 screen and the picture stays in sight while a slider moves.
"""

import asyncio
import html
import os
import time
import weakref

import ipywidgets as widgets
from IPython import get_ipython

from .i18n import tr
from .viz import Renderer, picture_html

PRESENTATION_FONT_PX = 24  # text of the controls and the status line in presentation mode
PRESENTATION_SCALE = 2  # PNG pixels per CSS pixel of a view's picture in presentation mode
PRESENTATION_SLIDER_PX = 25 * PRESENTATION_FONT_PX  # a slider's width there, its label and readout included
BESIDE_SLIDERS = 3  # a Panel with more sliders than this puts them beside its picture in presentation mode
PRESENTATION_CSS = f"""
.bp-presentation {{
  --jp-widgets-font-size: {PRESENTATION_FONT_PX}px;
  --jp-widgets-inline-height: {round(1.75 * PRESENTATION_FONT_PX)}px;
  --jp-widgets-inline-width-tiny: {4 * PRESENTATION_FONT_PX}px;
  --jp-widgets-inline-width-short: {6 * PRESENTATION_FONT_PX}px;
  --jp-widgets-slider-handle-size: {PRESENTATION_FONT_PX}px;
  --jp-widgets-slider-track-thickness: {PRESENTATION_FONT_PX // 4}px;
}}
.bp-presentation .widget-label, .bp-presentation .widget-readout, .bp-presentation .jupyter-button,
.bp-presentation .bp-status {{
  font-size: {PRESENTATION_FONT_PX}px;
}}
.bp-presentation .bp-status {{
  line-height: 1.4;
}}
.bp-presentation .bp-status code {{
  font-size: inherit;
}}
.bp-presentation .jupyter-button {{
  padding: 0 {PRESENTATION_FONT_PX // 2}px;
}}
.bp-presentation.bp-beside > .widget-hbox > .widget-vbox {{
  flex: none;
}}
.bp-presentation.bp-beside img {{
  min-width: 0;
}}
"""
_presentation = None  # what presentation(on) switched last; None: follow Voilà ("auto")


def presentation(on=None):
    """Presentation mode (see the module's docstring) for the views made from now on.

    on: True switches it on, False off, "auto" on only under Voilà; None (the default) leaves it as it is.
    Returns whether it is on: as last switched, or, never switched or "auto", whether this kernel runs
    under Voilà.
    """
    global _presentation
    if on is not None:
        if not (isinstance(on, bool) or (isinstance(on, str) and on == "auto")):
            raise TypeError(f"presentation(on): on must be True, False, \"auto\" or None, got {on!r}")
        _presentation = None if on == "auto" else on
    if _presentation is None:
        return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")
    return _presentation


class View(widgets.VBox):
    """A scene's picture and status line under some controls; subclasses supply the controls and what
    `scene.update` is called with (`values()`) and how the status line starts (`readouts()`).

    `timings` holds the seconds of every update + redraw; `error` the exception of the last failed
    update (shown in the status line with ⚠, never swallowed). `View.open_views()` lists the views of
    this kernel that are not closed (for the slider benchmark). `presenting`: whether the view was made
    in presentation mode (see `presentation`).
    """

    _by_cell = {}  # id of the notebook cell that made a view → that view
    _made = []  # weak references to every view made, oldest first

    def __init__(self, scene, controls):
        self.scene, self.timings, self.error = scene, [], None
        self.presenting = presentation()
        self.render = Renderer(scene, scale=PRESENTATION_SCALE if self.presenting else 1)
        # At the figure's own size, never stretched to the output's width (a stretched PNG is a blurred one);
        # shrunk to fit where the output is narrower.
        layout = widgets.Layout(max_width="100%", align_self="flex-start")
        # An <img> with the scene's text alternative as its alt (viz.picture_html), so that a screen reader
        # names the picture; an ipywidgets Image has no alt.
        self.image = widgets.HTML(layout=layout)
        self.status = widgets.HTML()
        self.status.add_class("bp-status")
        super().__init__([*controls, self.image, self.status])
        if self.presenting:
            self._present()
        self.refresh()
        cell = _current_cell()
        if cell is not None:
            previous = self._by_cell.get(cell)
            if previous is not None:
                previous.close()
            self._by_cell[cell] = self
        self._made.append(weakref.ref(self))

    def _present(self):
        """The class and the <style> of presentation mode, and the picture's width: the figure's own size in
        CSS pixels (the PNG has PRESENTATION_SCALE times as many), narrower only where the page is."""
        width, _height = self.render.css_size
        self.add_class("bp-presentation")
        self.add_class(f"bp-width-{width}")
        own_size = f".bp-presentation.bp-width-{width} img {{ width: {width}px; height: auto; }}\n"
        style = widgets.HTML(f"<style>{PRESENTATION_CSS}{own_size}</style>",
                             layout=widgets.Layout(display="none"))
        self.children = [*self.children, style]

    def _regroup(self, box, *moved):
        """`box` first, in place of the children `moved` into it; the other children after it, in order."""
        self.children = [box, *(child for child in self.children if all(child is not m for m in moved))]

    @classmethod
    def open_views(cls):
        """The views of this kernel that are still open, oldest first."""
        views = (ref() for ref in cls._made)
        return [v for v in views if isinstance(v, cls) and v.scene is not None]

    def refresh(self, change=None):
        """Recompute and redraw for the controls' current values."""
        start = time.perf_counter()
        try:
            text, self.error = self.scene.update(**self.values()), None
            alt = self.scene.describe() if hasattr(self.scene, "describe") else text
            self.image.value = picture_html(self.render(), alt, self.render.css_size)
        except Exception as error:  # shown to the learner instead of vanishing into the log
            self.error, text = error, f"⚠ {type(error).__name__}: {error}"
        self.status.value = f"<code>{html.escape(self.readouts())}</code><br>{html.escape(text)}"
        if self.error is None:
            self.timings.append(time.perf_counter() - start)

    def close(self):
        """Close the widgets and let go of the scene and the picture, so that their memory can be freed
        (IPython's output history may keep the closed view itself)."""
        self.image.value = ""
        boxes = list(self.children)
        while boxes:  # every control, those inside a row of buttons too
            widget = boxes.pop()
            boxes += getattr(widget, "children", ())
            widget.close()
        super().close()
        self.scene = self.render = None

    def values(self):
        raise NotImplementedError

    def readouts(self):
        raise NotImplementedError


class Panel(View):
    """Sliders over a scene (see viz.py). `Panel(scene, x=FloatSlider(...), w=...)`.

    Every slider is named by its keyword, which is also its label and the keyword passed to
    `scene.update`. buttons: {label: (slider name, jump)} adds a row of buttons, each of which sets
    that slider to jump(its value) — e.g. the next mistake after the digit shown — or leaves it where it
    is when jump gives None.
    """

    def __init__(self, scene, buttons=None, **sliders):
        self.sliders = sliders
        for name, slider in sliders.items():
            slider.description = name
            slider.style.description_width = "initial"
            slider.layout.width = "420px"
            slider.observe(self.refresh, names="value")
        self.buttons = {}
        for label, (name, jump) in (buttons or {}).items():
            if name not in sliders:
                raise ValueError(f"the button {label!r} moves slider {name!r}, but the sliders are "
                                 f"{list(sliders)}")
            button = widgets.Button(description=label, tooltip=label)
            button.add_class("bp-panel-button")
            button.on_click(lambda _button, slider=sliders[name], jump=jump: _jump(slider, jump))
            self.buttons[label] = button
        rows = [widgets.HBox(list(self.buttons.values()))] if self.buttons else []
        controls = [*sliders.values(), *rows]
        super().__init__(scene, controls)
        self.add_class("bp-panel")
        if self.presenting:
            _widen(sliders.values(), label_chars=max(map(len, sliders), default=0))
        if self.presenting and len(sliders) > BESIDE_SLIDERS:
            self._regroup(widgets.HBox([widgets.VBox(controls), self.image]), *controls, self.image)
            self.add_class("bp-beside")

    def values(self):
        return {name: slider.value for name, slider in self.sliders.items()}

    def readouts(self):
        return " · ".join(f"{name} = {_readout(slider)}" for name, slider in self.sliders.items())

    def __repr__(self):
        return f"Panel({type(self.scene).__name__}; sliders: {', '.join(self.sliders)})"


class Stepper(View):
    """Back / Next / Play / Reset and a step slider over a scene that shows its steps one by one:
    `scene.n_steps` (an int ≥ 1) and `scene.update(step=k)` for k = 0 … n_steps (scenes.graph.GraphScene,
    scenes.backprop_steps.BackpropStepsScene). `Stepper(scene, speed=2.0)`: Play's steps per second.

    Back at step 0 and Next at the last step do nothing (the buttons stay enabled so that Tab still
    reaches them); Reset goes to step 0. Back, Next and Reset also pause Play. Play advances one step
    every 1/speed seconds until the last step, then stops; pressed while playing it pauses, pressed at
    the last step it plays again from step 0. Play schedules each step on the running asyncio loop (the
    kernel's, so it steps while the kernel is idle; no thread). Where no loop runs (plain Python, tests)
    Play only starts playing, and each call of `tick()` then makes the step the loop would make.
    """

    def __init__(self, scene, speed=2.0):
        n = scene.n_steps
        self.step = widgets.IntSlider(value=0, min=0, max=n, description=tr("step"))
        self.speed = widgets.FloatSlider(value=speed, min=0.5, max=10, step=0.5,
                                         description=tr("steps per second"))
        for slider in (self.step, self.speed):
            slider.style.description_width = "initial"
            slider.layout.width = "420px"
        self.buttons = {}  # by their English names
        for name, label, tip, action in [
                ("Back", tr("Back"), tr("Go back one step"), self.back),
                ("Next", tr("Next"), tr("Go forward one step"), self.next),
                ("Play", tr("Play"), tr("Play the steps one after another; press again to pause"), self.play),
                ("Reset", tr("Reset"), tr("Go back to step 0"), self.reset)]:
            button = widgets.Button(description=label, tooltip=tip)
            button.add_class("bp-step-button")
            button.on_click(lambda _button, action=action: action())
            self.buttons[name] = button
        self.playing, self._timer = False, None
        self.step.observe(self.refresh, names="value")
        controls = [widgets.HBox(list(self.buttons.values())), self.step, self.speed]
        super().__init__(scene, controls)
        self.add_class("bp-stepper")
        if self.presenting:  # the buttons and both sliders in one row, wrapped where the page is narrower
            _widen([self.step, self.speed])
            row = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
            self._regroup(row, *controls)

    def back(self):
        self.pause()
        self.step.value = max(self.step.value - 1, 0)

    def next(self):
        self.pause()
        self.step.value = min(self.step.value + 1, self.step.max)

    def reset(self):
        self.pause()
        self.step.value = 0

    def play(self):
        """Start playing (from step 0 when at the last step), or pause when playing."""
        if self.playing:
            self.pause()
            return
        if self.step.value == self.step.max:
            self.step.value = 0
        self.playing = True
        self.buttons["Play"].description = tr("Pause")
        self._schedule()

    def pause(self):
        if self._timer is not None:
            self._timer.cancel()
        self.playing, self._timer = False, None
        self.buttons["Play"].description = tr("Play")

    def tick(self):
        """One step of Play (what the loop calls every 1/speed s): the next step; Play stops at the last."""
        self._timer = None
        if not self.playing:
            return
        self.step.value = min(self.step.value + 1, self.step.max)
        if self.step.value == self.step.max:
            self.pause()
        else:
            self._schedule()

    def _schedule(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop runs here: tick() is called by hand
            return
        self._timer = loop.call_later(1 / self.speed.value, self.tick)

    def close(self):
        self.pause()
        super().close()

    def values(self):
        return {"step": self.step.value}

    def readouts(self):
        return tr("step {k} / {n}").format(k=self.step.value, n=self.step.max)

    def __repr__(self):
        name = type(self.scene).__name__ if self.scene is not None else "closed"
        return f"Stepper({name}; {self.step.max} steps)"


def _widen(sliders, label_chars=None):
    """Sliders PRESENTATION_SLIDER_PX wide; with label_chars, each label as wide as that many characters (of
    0.65 em, the mean width of a letter or digit in DejaVu Sans, and a margin), so that the tracks of a
    column of sliders start and end together."""
    for slider in sliders:
        slider.layout.width = f"{PRESENTATION_SLIDER_PX}px"
        if label_chars:
            slider.style.description_width = f"{0.65 * label_chars + 0.75:g}em"


def _jump(slider, jump):
    value = jump(slider.value)
    if value is not None:
        slider.value = value


def _readout(slider):
    """The value as the slider's own readout shows it (its format, and "−" for minus, as the browser)."""
    fmt = getattr(slider, "readout_format", None)
    try:
        text = format(slider.value, fmt) if fmt else str(slider.value)
    except (TypeError, ValueError):
        text = str(slider.value)
    return text.replace("-", "−") if isinstance(slider.value, (int, float)) else text


def _current_cell():
    """The id of the notebook cell running now, when the front end sends one with its request
    (JupyterLab does; nbval, Voilà's first run and plain Python do not: None)."""
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return None
    return (kernel.get_parent().get("metadata") or {}).get("cellId")
