"""Controls over scenes: the only module that imports ipywidgets.

A View shows a scene (see viz.py): on every change it calls the scene's `update` (pure bp_core functions
plus `set_data` on existing artists), renders the reused figure to PNG (a blit of `scene.animated` when
the scene lists them) and shows it in an Image widget, with a status line of numbers below.
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
"""

import asyncio
import html
import time
import weakref

import ipywidgets as widgets
from IPython import get_ipython

from .i18n import tr
from .viz import Renderer


class View(widgets.VBox):
    """A scene's picture and status line under some controls; subclasses supply the controls and what
    `scene.update` is called with (`values()`) and how the status line starts (`readouts()`).

    `timings` holds the seconds of every update + redraw; `error` the exception of the last failed
    update (shown in the status line with ⚠, never swallowed). `View.open_views()` lists the views of
    this kernel that are not closed (for the slider benchmark).
    """

    _by_cell = {}  # id of the notebook cell that made a view → that view
    _made = []  # weak references to every view made, oldest first

    def __init__(self, scene, controls):
        self.scene, self.timings, self.error = scene, [], None
        self.render = Renderer(scene)
        # At the figure's own size, never stretched to the output's width (a stretched PNG is a blurred one);
        # shrunk to fit where the output is narrower.
        layout = widgets.Layout(max_width="100%", align_self="flex-start")
        self.image = widgets.Image(format="png", layout=layout)
        self.status = widgets.HTML()
        self.status.add_class("bp-status")
        super().__init__([*controls, self.image, self.status])
        self.refresh()
        cell = _current_cell()
        if cell is not None:
            previous = self._by_cell.get(cell)
            if previous is not None:
                previous.close()
            self._by_cell[cell] = self
        self._made.append(weakref.ref(self))

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
            self.image.value = self.render()
        except Exception as error:  # shown to the learner instead of vanishing into the log
            self.error, text = error, f"⚠ {type(error).__name__}: {error}"
        self.status.value = f"<code>{html.escape(self.readouts())}</code><br>{html.escape(text)}"
        if self.error is None:
            self.timings.append(time.perf_counter() - start)

    def close(self):
        """Close the widgets and let go of the scene and the picture, so that their memory can be freed
        (IPython's output history may keep the closed view itself)."""
        self.image.value = b""
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
        super().__init__(scene, [*sliders.values(), *rows])
        self.add_class("bp-panel")

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
        super().__init__(scene, [widgets.HBox(list(self.buttons.values())), self.step, self.speed])
        self.add_class("bp-stepper")

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
