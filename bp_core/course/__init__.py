"""The course layer: what the notebooks show and ask, on top of the engine `bp_core`.

    viz          figures made once; the Renderer blits what a slider changes
    widgets      Panel: sliders over a scene
    feedback     checks of a learner's answers
    experiments  cached training runs, handed out read-only
    bugs         planted bugs for the gradient-check hunt
    scenes/      one module per concept: a figure and its `update`

It needs matplotlib and ipywidgets; the engine never imports it.
"""
