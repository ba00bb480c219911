"""Controls over scenes: the only module that imports ipywidgets.

A View shows a scene (see viz.py): on every change it calls the scene's `update` (pure bp_core functions
plus `set_data` on existing artists), renders the reused figure to PNG (a blit of `scene.animated` when
the scene lists them) and shows it in an Image widget, with a status line of numbers below.
No Output widget is involved, so nothing differs between JupyterLab and a headless kernel.

Re-running a notebook cell that made a View closes the View that cell made before (JupyterLab tells the
kernel which cell runs), so a slider cell run fifty times keeps one figure alive, not fifty.
"""

import html
import time
import weakref

import ipywidgets as widgets
from IPython import get_ipython

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
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
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
        for child in self.children:
            child.close()
        super().close()
        self.scene = self.render = None

    def values(self):
        raise NotImplementedError

    def readouts(self):
        raise NotImplementedError


class Panel(View):
    """Sliders over a scene (see viz.py). `Panel(scene, x=FloatSlider(...), w=...)`.

    Every slider is named by its keyword, which is also its label and the keyword passed to
    `scene.update`.
    """

    def __init__(self, scene, **sliders):
        self.sliders = sliders
        for name, slider in sliders.items():
            slider.description = name
            slider.style.description_width = "initial"
            slider.layout.width = "420px"
            slider.observe(self.refresh, names="value")
        super().__init__(scene, sliders.values())
        self.add_class("bp-panel")

    def values(self):
        return {name: slider.value for name, slider in self.sliders.items()}

    def readouts(self):
        return " · ".join(f"{name} = {_readout(slider)}" for name, slider in self.sliders.items())

    def __repr__(self):
        return f"Panel({type(self.scene).__name__}; sliders: {', '.join(self.sliders)})"


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
