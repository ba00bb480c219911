"""The course layer: what the notebooks show and ask, on top of the engine `bp_core`.

    viz           figures made once; the Renderer blits what a control changes
    widgets       Panel (sliders over a scene) and Stepper (Back / Next / Play / Reset over its steps)
    feedback      checks of a learner's answers; exercises looked up by id (their answers in exercises)
    engine_check  checks of the autodiff engine a learner builds, rule by rule
    experiments   cached training runs, handed out read-only
    bugs          planted bugs for the gradient-check hunt
    i18n, zh_cn   the learner's language: tr("...") and the Chinese sentences
    scenes/       one module per concept: a figure and its `update`

It needs matplotlib and ipywidgets; the engine never imports it.
"""
