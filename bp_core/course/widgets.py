"""Slider panels: the only module that imports ipywidgets.

A Panel is a thin wrapper: each slider move calls the scene's `update` (pure bp_core functions plus
`set_data` on existing artists), renders the reused figure to PNG (a blit of `scene.animated` when the
scene lists them, see viz.py) and shows it in an Image widget.
No Output widget is involved, so nothing differs between JupyterLab and a headless kernel.
"""

import html
import time

import ipywidgets as widgets

from .viz import Renderer


class Panel(widgets.VBox):
    """Sliders over a scene (see viz.py). `Panel(scene, x=FloatSlider(...), w=...)`.

    Every slider is named by its keyword, which is also its label and the keyword passed to
    `scene.update`. `timings` holds the seconds of every update + redraw; `Panel.instances` every panel
    made in this kernel (for the slider benchmark).
    """

    instances = []

    def __init__(self, scene, **sliders):
        self.scene, self.sliders, self.timings, self.error = scene, sliders, [], None
        self.render = Renderer(scene)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.status = widgets.HTML()
        self.status.add_class("bp-status")
        for name, slider in sliders.items():
            slider.description = name
            slider.style.description_width = "initial"
            slider.layout.width = "420px"
            slider.observe(self.refresh, names="value")
        super().__init__([*sliders.values(), self.image, self.status])
        self.add_class("bp-panel")
        self.refresh()
        Panel.instances.append(self)

    def values(self):
        return {name: slider.value for name, slider in self.sliders.items()}

    def refresh(self, change=None):
        """Recompute and redraw for the sliders' current values."""
        start = time.perf_counter()
        try:
            text, self.error = self.scene.update(**self.values()), None
            self.image.value = self.render()
        except Exception as error:  # shown to the learner instead of vanishing into the log
            self.error, text = error, f"⚠ {type(error).__name__}: {error}"
        readouts = " · ".join(f"{name} = {_readout(slider)}" for name, slider in self.sliders.items())
        self.status.value = f"<code>{html.escape(readouts)}</code><br>{html.escape(text)}"
        if self.error is None:
            self.timings.append(time.perf_counter() - start)

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
